// The metrics engine's front door: other modules, the API and the CLI import only this file.

export { attribution } from "./attribution/apply-attribution.ts";
export { ATTRIBUTION_MODELS, type AttributionModel, attributionWeights } from "./attribution/models.ts";
export { bottlenecks } from "./bottlenecks.ts";
export { cohorts } from "./cohorts.ts";
export {
  type ComputeOptions,
  computeMetric,
  computeMetrics,
  describeMetric,
  type MetricResult,
  refreshMetricRollups,
  type SeriesPoint,
} from "./compute-metric.ts";
export type { MetricDef, Unit } from "./definition.ts";
export { drillDown, MAX_DRILL } from "./drill-down.ts";
export {
  type ForecastSnapshotRow,
  insertForecastSnapshots,
  listForecastSnapshots,
  recordForecastSnapshots,
} from "./forecast.ts";
export { funnel } from "./funnel.ts";
export { bottleneckRecords, funnelRecords } from "./funnel-records.ts";
export type { MetricQuery } from "./metric-query.ts";
export { GRAINS, type Grain } from "./periods.ts";
export { findMetric, METRICS, metricDef, metricDimensions } from "./registry/index.ts";
export {
  DEFAULT_METRIC_SETTINGS,
  loadMetricWorkspace,
  type MetricSettings,
  resolveSettings,
  updateMetricSettings,
} from "./settings.ts";
export { DIMENSIONS, type Dimension } from "./sql/dimensions.ts";
