import { AppError } from "../../errors/app-error.ts";
import { CORES } from "../cores.ts";
import type { MetricDef } from "../definition.ts";
import type { MetricSettings } from "../settings.ts";
import { type Dimension, entityDimensions } from "../sql/dimensions.ts";
import { ACQUISITION_METRICS } from "./acquisition.metrics.ts";
import { FORECAST_METRICS } from "./forecast.metrics.ts";
import { REVENUE_METRICS } from "./revenue.metrics.ts";
import { SALES_METRICS } from "./sales.metrics.ts";
import { SUCCESS_METRICS } from "./success.metrics.ts";

/** Every KPI, defined once: docs/metrics.md, the API and the CLI all read this list. */
export const METRICS: readonly MetricDef[] = [
  ...REVENUE_METRICS,
  ...ACQUISITION_METRICS,
  ...SALES_METRICS,
  ...SUCCESS_METRICS,
  ...FORECAST_METRICS,
];

const byKey = new Map(METRICS.map((m) => [m.key, m]));

export function findMetric(key: string): MetricDef | undefined {
  return byKey.get(key);
}

export function metricDef(key: string): MetricDef {
  const def = byKey.get(key);
  if (!def) {
    throw new AppError("not_found", `No metric "${key}"; GET /api/metrics lists them`, { field: "key" });
  }
  return def;
}

/** The dimensions a KPI can be sliced by: its own list, else those every core it reads shares. */
export function metricDimensions(
  def: MetricDef,
  settings?: Pick<MetricSettings, "lifecycle_subject">,
): readonly Dimension[] {
  if (def.dimensions) return def.dimensions;
  const lists = def.cores.map((name) => {
    const entity = CORES[name].entity;
    return entityDimensions(entity === "lifecycle" ? (settings?.lifecycle_subject ?? "contact") : entity);
  });
  if (lists.length === 0) return [];
  return lists[0].filter((d) => lists.every((l) => l.includes(d)));
}
