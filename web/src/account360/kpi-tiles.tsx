import { money } from "../grid/cell-display.ts";
import { enumLabel } from "../meta.types.ts";
import type { AccountSummary, Amount } from "./account-360.types.ts";

/** Amounts per currency, never added across currencies; `—` when the role may not see them. */
const amounts = (list: Amount[] | null) =>
  list === null
    ? "—"
    : list.length === 0
      ? "None"
      : list.map((a) => money(a.amount_minor, a.currency)).join(" + ");

function daysAgo(iso: string): string {
  const days = Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

/** ARR, open pipeline, last touch and health, with the reasons behind the health score. */
export function KpiTiles({ summary }: { summary: AccountSummary }) {
  const deals = (summary.open_pipeline ?? []).reduce((n, a) => n + (a.count ?? 0), 0);
  const { health } = summary;
  return (
    <dl className="kpis">
      <div className="kpi">
        <dt>ARR</dt>
        <dd>{amounts(summary.arr)}</dd>
        <span className="kpi-note">12 × MRR of active subscriptions</span>
      </div>
      <div className="kpi">
        <dt>Open pipeline</dt>
        <dd>{amounts(summary.open_pipeline)}</dd>
        <span className="kpi-note">
          {deals} open {deals === 1 ? "deal" : "deals"}
        </span>
      </div>
      <div className="kpi">
        <dt>Last touch</dt>
        <dd>{summary.last_touch ? daysAgo(summary.last_touch.at) : "Never"}</dd>
        <span className="kpi-note">
          {summary.last_touch
            ? `${enumLabel(summary.last_touch.kind)} (${summary.last_touch.team})`
            : "no activity or touchpoint"}
        </span>
      </div>
      <div className={`kpi health-${health.grade}`}>
        <dt>Health</dt>
        <dd>
          {health.score} <span className="health-grade">{enumLabel(health.grade)}</span>
        </dd>
        <span className="kpi-note">
          {health.reasons.length === 0
            ? "No warning signs"
            : health.reasons.map((r) => `${r.reason} (${r.points})`).join(" · ")}
        </span>
      </div>
    </dl>
  );
}
