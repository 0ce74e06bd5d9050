import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import type { DashboardContext } from "./dashboard-page.tsx";
import type { Cohorts } from "./dashboard-types.ts";
import { retentionColour } from "./heat-scale.ts";
import { formatMetric, periodLabel } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { useDashboardState } from "./use-dashboard-data.ts";

const COHORT_DEF = {
  name: "Cohort retention",
  definition:
    "Customers grouped by the month they first became customers; each later month shows the share still customers (logo) or the share of their first month's MRR they pay now (revenue, above 100% when expansion outgrows churn).",
  formula:
    "logo retention = customers of the cohort still active ÷ cohort size; revenue retention = cohort MRR now ÷ cohort MRR at the end of its first month",
};

/** Logo or revenue retention by signup month (`GET /api/metrics/cohorts`) as a heat-map. */
export function CohortHeatmap({ ctx }: { ctx: DashboardContext }) {
  const { range } = useDashboardState();
  const [kind, setKind] = useState<"logo" | "revenue">("logo");
  const from = range.from.slice(0, 7);
  const to = range.to.slice(0, 7);
  const query = useQuery({
    queryKey: ["metrics", "cohorts", from, to],
    queryFn: () => api.get<Cohorts>(listUrl("metrics/cohorts", { from, to })),
  });
  const cohorts = query.data?.cohorts ?? [];
  const width = Math.max(0, ...cohorts.map((c) => c.months.length));
  const offsets = Array.from({ length: width }, (_, i) => i);
  return (
    <section className="card chart-card" aria-label="Cohort retention">
      <header className="chart-header">
        <MetricHeading def={COHORT_DEF} />
        <fieldset className="segmented">
          <legend className="visually-hidden">Retention of</legend>
          {(["logo", "revenue"] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k === "logo" ? "Logos" : "Revenue"}
            </button>
          ))}
        </fieldset>
      </header>
      {query.isError && <ErrorNotice error={query.error} />}
      {query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
      {query.data && cohorts.length === 0 && (
        <p className="empty-state small">No new customers in this range.</p>
      )}
      {cohorts.length > 0 && (
        <div className="table-wrap">
          <table className="heatmap">
            <caption className="visually-hidden">
              {kind === "logo" ? "Logo" : "Revenue"} retention by signup month; rows are cohorts, columns
              months since signup
            </caption>
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col">{kind === "logo" ? "Customers" : "MRR"}</th>
                {offsets.map((o) => (
                  <th key={o} scope="col">
                    M{o}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.cohort}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      title="Show the new customers of this month"
                      onClick={() => ctx.drill({ key: "new_mrr", period: c.cohort, by: null, group: null })}
                    >
                      {periodLabel(c.cohort)}
                    </button>
                  </th>
                  <td>
                    {kind === "logo"
                      ? c.customers
                      : formatMetric(c.mrr, "money", ctx.currency, { compact: true })}
                  </td>
                  {offsets.map((o) => {
                    const cell = c.months[o];
                    if (!cell) return <td key={o} />;
                    const value = kind === "logo" ? cell.logo_retention : cell.revenue_retention;
                    const colour = retentionColour(value);
                    return (
                      <td
                        key={o}
                        style={{ background: colour.background, color: colour.color }}
                        title={`${periodLabel(cell.month)}: ${cell.customers} customers, ${formatMetric(cell.mrr, "money", ctx.currency)} MRR`}
                      >
                        {value === null ? "—" : `${Math.round(value * 100)}%`}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
