import { useWorkspace } from "../workspace-context.ts";
import { CohortHeatmap } from "./cohort-heatmap.tsx";
import { type DashboardContext, DashboardPage } from "./dashboard-page.tsx";
import { KpiGrid } from "./kpi-grid.tsx";
import { useDashboardState, useMetricSeries } from "./use-dashboard-data.ts";

const GROUPS = [
  [
    "nrr",
    "grr",
    "logo_churn_rate",
    "revenue_churn_rate",
    "renewal_rate",
    "upsell_rate",
    "tickets_per_account",
    "time_to_resolution_hours",
  ],
];
const TILES = GROUPS.flat();

export function SuccessPage() {
  return (
    <DashboardPage
      title="Customer success"
      intro="How much revenue and how many customers are kept, renewals and upsells, retention by signup month, and the support load."
      keys={TILES}
    >
      {(ctx) => <Success ctx={ctx} />}
    </DashboardPage>
  );
}

function Success({ ctx }: { ctx: DashboardContext }) {
  const { me } = useWorkspace();
  const { state } = useDashboardState();
  const entries = useMetricSeries(GROUPS, ctx.defs, me);
  return (
    <>
      <KpiGrid keys={TILES} entries={entries} ctx={ctx} by={state.by} />
      <CohortHeatmap ctx={ctx} />
    </>
  );
}
