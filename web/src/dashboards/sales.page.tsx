import { useWorkspace } from "../workspace-context.ts";
import { BottlenecksPanel } from "./bottlenecks-panel.tsx";
import { type DashboardContext, DashboardPage } from "./dashboard-page.tsx";
import { KpiGrid } from "./kpi-grid.tsx";
import { useDashboardState, useMetricSeries } from "./use-dashboard-data.ts";

const GROUPS = [
  [
    "bookings",
    "deals_won",
    "win_rate",
    "win_rate_value",
    "avg_deal_size",
    "sales_cycle_days",
    "pipeline_velocity",
    "pipeline_created",
  ],
];
const TILES = GROUPS.flat();

export function SalesPage() {
  return (
    <DashboardPage
      title="Sales"
      intro="What was booked, how often and how fast deals are won, how fast pipeline turns into revenue, and where deals stall."
      keys={TILES}
    >
      {(ctx) => <Sales ctx={ctx} />}
    </DashboardPage>
  );
}

function Sales({ ctx }: { ctx: DashboardContext }) {
  const { me } = useWorkspace();
  const { state } = useDashboardState();
  const entries = useMetricSeries(GROUPS, ctx.defs, me);
  return (
    <>
      <KpiGrid
        keys={TILES}
        entries={entries}
        ctx={ctx}
        by={state.by}
        titles={{ win_rate: "Win rate (count)", win_rate_value: "Win rate (value)" }}
      />
      <BottlenecksPanel ctx={ctx} />
    </>
  );
}
