import { useWorkspace } from "../workspace-context.ts";
import { AttributionPanel } from "./attribution-panel.tsx";
import { BreakdownChart } from "./breakdown-chart.tsx";
import { type DashboardContext, DashboardPage } from "./dashboard-page.tsx";
import { FunnelChart } from "./funnel-chart.tsx";
import { KpiGrid } from "./kpi-grid.tsx";
import { useDashboardState, useMetricSeries } from "./use-dashboard-data.ts";

const GROUPS = [["lead_conversion_rate", "new_leads", "mqls", "marketing_spend", "cac"]];
const TILES = GROUPS.flat();

export function MarketingPage() {
  return (
    <DashboardPage
      title="Marketing"
      intro="Leads and how they convert, what marketing spends, what a customer costs per channel, and which campaigns get the credit."
      keys={TILES}
    >
      {(ctx) => <Marketing ctx={ctx} />}
    </DashboardPage>
  );
}

function Marketing({ ctx }: { ctx: DashboardContext }) {
  const { me } = useWorkspace();
  const { state } = useDashboardState();
  const entries = useMetricSeries(GROUPS, ctx.defs, me);
  return (
    <>
      <KpiGrid keys={TILES} entries={entries} ctx={ctx} by={state.by} />
      <div className="chart-row">
        <FunnelChart ctx={ctx} />
        <BreakdownChart metric="cac" dimension="channel" ctx={ctx} title="CAC by channel" />
      </div>
      <div className="chart-row">
        <BreakdownChart
          metric="marketing_spend"
          dimension="channel"
          ctx={ctx}
          title="Marketing spend by channel"
        />
      </div>
      <AttributionPanel ctx={ctx} />
    </>
  );
}
