import type { MetricDef } from "../definition.ts";

const base = {
  family: "forecast",
  resource: "planning",
  owners: ["revops", "sales", "finance"],
  cores: [],
  dimensions: [],
  better: "higher",
  drill: { source: "forecast" },
} as const;

const SNAPSHOTS =
  "Forecasts are the stored forecast_snapshots of the forecasted KPI (filter metric:KEY, default bookings) for exactly the period, scope company; the one scored is the latest taken no later than forecast_lock_days after the period starts.";

export const FORECAST_METRICS: MetricDef[] = [
  {
    ...base,
    key: "forecast_accuracy",
    name: "Forecast accuracy",
    definition: "How close the forecast made at the start of the period came to what actually happened.",
    formula: "max(0, 1 − |actual − forecast| ÷ |actual|)",
    unit: "rate",
    indicator: "lagging",
    settings: ["forecast_lock_days"],
    notes: [SNAPSHOTS, "Empty when the period has no forecast or its actual is zero."],
    value: (v) => v.value,
    forecast: "accuracy",
  },
  {
    ...base,
    key: "revenue_predictability",
    name: "Revenue predictability",
    definition:
      "How often forecasts land close to the actual: the share of recent periods whose actual was within tolerance of the forecast.",
    formula:
      "periods among the last predictability_periods (ending with this one) with |actual − forecast| ≤ predictability_tolerance × |actual| ÷ those periods with a forecast",
    unit: "rate",
    indicator: "leading",
    settings: ["forecast_lock_days", "predictability_periods", "predictability_tolerance"],
    notes: [SNAPSHOTS],
    value: (v) => v.value,
    forecast: "predictability",
  },
];
