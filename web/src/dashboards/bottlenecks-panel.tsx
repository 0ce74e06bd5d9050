import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { recordPath } from "../urls.ts";
import type { DashboardContext } from "./dashboard-page.tsx";
import type { Bottlenecks, StageStats } from "./dashboard-types.ts";
import { formatMetric } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { stageTimeDrill } from "./stage-drill.ts";
import { useDashboardState } from "./use-dashboard-data.ts";

const STAGES_DEF = {
  name: "Time in stage",
  definition:
    "For deals that entered each stage in the range: how long the finished visits lasted, and the share of those that moved on to a later stage (a loss never counts as moving on).",
  formula: "conversion = visits followed by a later stage ÷ visits that ended; days = left_at − entered_at",
};
const STALLED_DEF = {
  name: "Stalled deals",
  definition:
    "Open deals that have sat in their current stage longer than a multiple of that stage's median time.",
  formula: "days in current stage > stalled factor × median days of the stage",
};

/** Where deals slow down (`GET /api/metrics/bottlenecks`): time in each stage and the deals stalled now. */
export function BottlenecksPanel({ ctx }: { ctx: DashboardContext }) {
  const { range } = useDashboardState();
  const query = useQuery({
    queryKey: ["metrics", "bottlenecks", range],
    queryFn: () => api.get<Bottlenecks>(listUrl("metrics/bottlenecks", { ...range, limit: 25 })),
  });
  const data = query.data;
  const stages = (data?.opportunity_stages ?? []).map((s) => ({ ...s, label: enumLabel(s.stage) }));
  /** A bar or a stage's count opens the deals that entered it in the range, with their days there. */
  const drillStage = (stage: string) => ctx.drill(stageTimeDrill(stage, "in_stage"));
  const onBar = (data: unknown) => drillStage((data as { payload: { stage: string } }).payload.stage);
  return (
    <div className="chart-row">
      <section className="card chart-card" aria-label="Time in stage">
        <header className="chart-header">
          <MetricHeading def={STAGES_DEF} />
        </header>
        {query.isError && <ErrorNotice error={query.error} />}
        {query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
        {data && stages.length === 0 && (
          <p className="empty-state small">No deal entered a stage in this range.</p>
        )}
        {stages.length > 0 && (
          <>
            <div className="chart" style={{ height: 220 }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={stages} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#eef0f3" vertical={false} />
                  <XAxis dataKey="label" fontSize={11} tickLine={false} interval={0} />
                  <YAxis fontSize={11} width={40} tickLine={false} axisLine={false} />
                  <Tooltip
                    cursor={{ fill: "rgba(47, 91, 211, 0.06)" }}
                    formatter={(v, name) => [formatMetric(Number(v), "days", ctx.currency), String(name)]}
                    wrapperStyle={{ fontSize: 12 }}
                  />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  <Bar
                    dataKey="median_days"
                    name="Median days"
                    fill="#2f5bd3"
                    isAnimationActive={false}
                    cursor="pointer"
                    onClick={onBar}
                  />
                  <Bar
                    dataKey="p90_days"
                    name="90th percentile"
                    fill="#9db3ec"
                    isAnimationActive={false}
                    cursor="pointer"
                    onClick={onBar}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <StageTable stages={stages} currency={ctx.currency} onDrill={drillStage} />
          </>
        )}
      </section>
      <section className="card chart-card" aria-label="Stalled deals">
        <header className="chart-header">
          <MetricHeading def={STALLED_DEF} />
          {data && (
            <span className="muted">
              {data.stalled.total} open {data.stalled.total === 1 ? "deal" : "deals"} over{" "}
              {data.stalled_factor}× the median
            </span>
          )}
        </header>
        {query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
        {data && data.stalled.deals.length === 0 && <p className="empty-state small">No deal is stalled.</p>}
        {data && data.stalled.deals.length > 0 && (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Stalled deals</caption>
              <thead>
                <tr>
                  <th scope="col">Deal</th>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Days in stage
                  </th>
                  <th scope="col" className="num">
                    × median
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.stalled.deals.map((d) => (
                  <tr key={d.id}>
                    <td className="cell-name">
                      <Link to={recordPath("opportunities", d.id)}>{d.name}</Link>
                    </td>
                    <td>{enumLabel(d.stage)}</td>
                    <td className="num">{formatMetric(d.days_in_stage, "count", ctx.currency)}</td>
                    <td className="num">{formatMetric(d.ratio, "ratio", ctx.currency)}</td>
                    <td className="num">
                      {formatMetric(d.amount, "money", ctx.currency, { compact: true })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function StageTable({
  stages,
  currency,
  onDrill,
}: {
  stages: Array<StageStats & { label: string }>;
  currency: string;
  onDrill: (stage: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Opportunity stages</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" className="num">
              Entered
            </th>
            <th scope="col" className="num">
              Median days
            </th>
            <th scope="col" className="num">
              Average days
            </th>
            <th scope="col" className="num">
              Moved on
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{s.label}</th>
              <td className="num">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onDrill(s.stage)}
                  aria-label={`${s.entered} entered ${s.label}: show the deals`}
                >
                  {s.entered}
                </button>
              </td>
              <td className="num">{formatMetric(s.median_days, "count", currency)}</td>
              <td className="num">{formatMetric(s.average_days, "count", currency)}</td>
              <td className="num">{formatMetric(s.conversion, "rate", currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
