import type { DashboardContext } from "./dashboard-page.tsx";
import { KpiTile } from "./kpi-tile.tsx";
import type { SeriesEntry } from "./use-dashboard-data.ts";

/** A responsive grid of KPI tiles. */
export function KpiGrid({
  keys,
  entries,
  ctx,
  by,
  titles = {},
}: {
  keys: string[];
  entries: Map<string, SeriesEntry>;
  ctx: DashboardContext;
  by: string | null;
  titles?: Record<string, string>;
}) {
  return (
    <div className="kpi-grid">
      {keys.map((key) => (
        <KpiTile
          key={key}
          entry={entries.get(key)}
          currency={ctx.currency}
          by={by}
          onDrill={ctx.drill}
          title={titles[key]}
        />
      ))}
    </div>
  );
}
