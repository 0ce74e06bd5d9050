import type { DateRange, DrillTarget } from "./dashboard-state.ts";

/**
 * Drill-downs of the stage charts, which have no KPI key or period of their own: the funnel
 * (`GET /api/metrics/funnel/records`) and time in stage (`GET /api/metrics/bottlenecks/records`).
 * In the URL they ride on the drill target as `drill=funnel&drill_period=mql:reached`, and
 * they use the dashboard's date range.
 */
export type StageChart = "funnel" | "bottlenecks";
export type FunnelStep = "reached" | "converted";
export type BottleneckKind = "in_stage" | "stalled";

const CHARTS: Record<StageChart, { path: string; mode: string }> = {
  funnel: { path: "metrics/funnel/records", mode: "step" },
  bottlenecks: { path: "metrics/bottlenecks/records", mode: "kind" },
};

export function funnelDrill(stage: string, step: FunnelStep): DrillTarget {
  return { key: "funnel", period: `${stage}:${step}`, by: null, group: null };
}

export function stageTimeDrill(stage: string, kind: BottleneckKind): DrillTarget {
  return { key: "bottlenecks", period: `${stage}:${kind}`, by: null, group: null };
}

/** The request behind a stage drill-down, or null when the target is a KPI value. */
export function stageDrillRequest(
  target: DrillTarget,
  range: DateRange,
): { path: string; params: Record<string, string> } | null {
  if (!Object.hasOwn(CHARTS, target.key)) return null;
  const chart = CHARTS[target.key as StageChart];
  // Opportunity stages may hold a colon; the mode never does.
  const cut = target.period.lastIndexOf(":");
  if (cut <= 0) return null;
  return {
    path: chart.path,
    params: {
      stage: target.period.slice(0, cut),
      [chart.mode]: target.period.slice(cut + 1),
      from: range.from,
      to: range.to,
    },
  };
}
