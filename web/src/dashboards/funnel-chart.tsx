import { useQuery } from "@tanstack/react-query";
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import type { DashboardContext } from "./dashboard-page.tsx";
import type { Funnel } from "./dashboard-types.ts";
import { formatMetric } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { funnelDrill } from "./stage-drill.ts";
import { useDashboardState } from "./use-dashboard-data.ts";

const FUNNEL_DEF = {
  name: "Lifecycle funnel",
  definition:
    "Of the people who entered the funnel in the range, how many reached each lifecycle stage since (reaching a later stage counts as passing the ones skipped), and the conversion from the stage before.",
  formula: "conversion = reached this stage ÷ reached the stage before; median days between the two",
};

/**
 * The lifecycle funnel of the range (`GET /api/metrics/funnel`) with stage-to-stage conversion;
 * a bar or count opens the people who reached the stage, a conversion those who went on to it.
 */
export function FunnelChart({ ctx }: { ctx: DashboardContext }) {
  const { range } = useDashboardState();
  const query = useQuery({
    queryKey: ["metrics", "funnel", range],
    queryFn: () => api.get<Funnel>(listUrl("metrics/funnel", { ...range })),
  });
  const stages = (query.data?.stages ?? []).map((s) => ({
    ...s,
    label: enumLabel(s.stage),
    note:
      s.conversion_from_previous === null
        ? String(s.reached)
        : `${s.reached} · ${formatMetric(s.conversion_from_previous, "rate", ctx.currency)}`,
  }));
  const lead = ctx.defs.get("lead_conversion_rate");
  const reached = (stage: string) => ctx.drill(funnelDrill(stage, "reached"));
  /** The conversion into stage i is those of stage i − 1 who went on. */
  const converted = (i: number) => ctx.drill(funnelDrill(stages[i - 1].stage, "converted"));
  return (
    <section className="card chart-card" aria-label="Lifecycle funnel">
      <header className="chart-header">
        <MetricHeading def={FUNNEL_DEF} />
        {query.data && (
          <span className="muted">
            {query.data.entered} {query.data.subject === "account" ? "accounts" : "contacts"} entered
          </span>
        )}
      </header>
      {query.isError && <ErrorNotice error={query.error} />}
      {query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
      {query.data && query.data.entered === 0 && (
        <p className="empty-state small">Nobody entered the funnel in this range.</p>
      )}
      {query.data && query.data.entered > 0 && (
        <>
          <div className="chart" style={{ height: 240 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={stages} layout="vertical" margin={{ top: 0, right: 96, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#eef0f3" horizontal={false} />
                <XAxis type="number" fontSize={11} allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={90} fontSize={11} tickLine={false} />
                <Tooltip
                  cursor={{ fill: "rgba(47, 91, 211, 0.06)" }}
                  formatter={(v) => [String(v), "Reached"]}
                  wrapperStyle={{ fontSize: 12 }}
                />
                <Bar
                  dataKey="reached"
                  fill="#2f5bd3"
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(data) =>
                    reached((data as unknown as { payload: { stage: string } }).payload.stage)
                  }
                >
                  <LabelList dataKey="note" position="right" fontSize={11} fill="#1b2330" />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Funnel stages</caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Reached
                  </th>
                  <th scope="col" className="num">
                    From previous
                  </th>
                  <th scope="col" className="num">
                    From entry
                  </th>
                  <th scope="col" className="num">
                    Median days
                  </th>
                </tr>
              </thead>
              <tbody>
                {stages.map((s, i) => (
                  <tr key={s.stage}>
                    <th scope="row">{s.label}</th>
                    <td className="num">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => reached(s.stage)}
                        aria-label={`${s.reached} reached ${s.label}: show them`}
                      >
                        {s.reached}
                      </button>
                    </td>
                    <td className="num">
                      {i === 0 || s.conversion_from_previous === null ? (
                        formatMetric(s.conversion_from_previous, "rate", ctx.currency)
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => converted(i)}
                          aria-label={`${formatMetric(s.conversion_from_previous, "rate", ctx.currency)} went on from ${stages[i - 1].label} to ${s.label}: show them`}
                        >
                          {formatMetric(s.conversion_from_previous, "rate", ctx.currency)}
                        </button>
                      )}
                    </td>
                    <td className="num">{formatMetric(s.conversion_from_entry, "rate", ctx.currency)}</td>
                    <td className="num">{formatMetric(s.median_days_from_previous, "days", ctx.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {lead && (
            <p className="kpi-note">
              The leads and customers behind the conversion rate are listed from the{" "}
              <strong>{lead.name}</strong> tile.
            </p>
          )}
        </>
      )}
    </section>
  );
}
