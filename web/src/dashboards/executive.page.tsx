import { useWorkspace } from "../workspace-context.ts";
import { EXECUTIVE_KEYS } from "./dashboard-keys.ts";
import { type DashboardContext, DashboardPage } from "./dashboard-page.tsx";
import { KpiGrid } from "./kpi-grid.tsx";
import { MrrWaterfall } from "./mrr-waterfall.tsx";
import { useDashboardState, useMetricSeries } from "./use-dashboard-data.ts";

const GROUPS = [EXECUTIVE_KEYS];
const TILES = [
  "arr",
  "mrr",
  "open_pipeline",
  "pipeline_coverage",
  "win_rate",
  "cac",
  "nrr",
  "logo_churn_rate",
  "revenue_churn_rate",
];

export function ExecutivePage() {
  return (
    <DashboardPage
      title="Executive"
      intro="Recurring revenue and how it moved, pipeline, win rate, acquisition cost and retention."
      keys={TILES}
    >
      {(ctx) => <Executive ctx={ctx} />}
    </DashboardPage>
  );
}

function Executive({ ctx }: { ctx: DashboardContext }) {
  const { me } = useWorkspace();
  const { state } = useDashboardState();
  const entries = useMetricSeries(GROUPS, ctx.defs, me);
  return (
    <>
      <KpiGrid keys={TILES.slice(0, 6)} entries={entries} ctx={ctx} by={state.by} />
      <MrrWaterfall entries={entries} currency={ctx.currency} onDrill={ctx.drill} />
      <KpiGrid keys={TILES.slice(6)} entries={entries} ctx={ctx} by={state.by} />
    </>
  );
}
