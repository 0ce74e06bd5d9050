import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { computeMetric } from "../../metrics/index.ts";
import { nextPeriod, periodOf, previousPeriod, todayIn } from "../../metrics/periods.ts";
import { loadMetricWorkspace } from "../../metrics/settings.ts";
import { forecastSeries } from "../series/index.ts";

export const SERIES_METRICS = ["mrr", "arr", "bookings"] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];
export const MAX_HORIZON = 36;
/** Months of history the series is fitted on. */
export const HISTORY_MONTHS = 36;

export interface SeriesQuery {
  metric?: string;
  horizon?: string | number;
  level?: string | number;
}

export function parseSeriesQuery(q: SeriesQuery) {
  const metric = (q.metric ?? "mrr") as SeriesMetric;
  if (!SERIES_METRICS.includes(metric)) {
    throw new AppError(
      "validation_failed",
      `metric: must be one of ${SERIES_METRICS.join(", ")}, got "${q.metric}"`,
      {
        field: "metric",
      },
    );
  }
  const horizon = q.horizon === undefined || q.horizon === "" ? 12 : Number(q.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new AppError(
      "validation_failed",
      `horizon: must be a whole number of months from 1 to ${MAX_HORIZON}`,
      {
        field: "horizon",
      },
    );
  }
  const level = q.level === undefined || q.level === "" ? 80 : Number(q.level);
  if (!(level > 0 && level < 100)) {
    throw new AppError("validation_failed", "level: must be a percentage between 0 and 100", {
      field: "level",
    });
  }
  return { metric, horizon, level };
}

/**
 * A KPI's monthly history from the metrics engine (complete months only, from the first month
 * with a value) forecast `horizon` months ahead by the time-series engine, with a prediction
 * interval. ARR is forecast as MRR × 12; bookings cannot go below zero.
 */
export async function forecastMetricSeries(
  db: Db,
  workspaceId: string,
  query: SeriesQuery,
  now = new Date(),
) {
  const { metric, horizon, level } = parseSeriesQuery(query);
  const ws = await loadMetricWorkspace(db, workspaceId);
  const today = todayIn(ws.timezone, now);
  const last = previousPeriod(periodOf(today, "month"), "month");
  let first = last;
  for (let i = 1; i < HISTORY_MONTHS; i++) first = previousPeriod(first, "month");
  const source = metric === "arr" ? "mrr" : metric;
  const result = await computeMetric(
    db,
    workspaceId,
    source,
    { grain: "month", from: first.start, to: last.end },
    { now },
  );
  const factor = metric === "arr" ? 12 : 1;
  const points = result.series.map((p) => ({ period: p.period, value: (p.value ?? 0) * factor }));
  const startAt = points.findIndex((p) => p.value !== 0);
  const history = startAt < 0 ? [] : points.slice(startAt);
  const months: string[] = [];
  let p = last;
  for (let i = 0; i < horizon; i++) {
    p = nextPeriod(p, "month");
    months.push(p.key);
  }
  if (history.length === 0) {
    return { metric, currency: ws.currency, level, method: null, history, forecast: [], through: last.end };
  }
  const f = forecastSeries(
    history.map((h) => h.value),
    { horizon, season: 12, level },
  );
  const floor = (v: number) => (metric === "bookings" ? Math.max(0, v) : v);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    metric,
    currency: ws.currency,
    level,
    method: f.method,
    through: last.end,
    history,
    forecast: months.map((period, i) => ({
      period,
      value: round(floor(f.forecast[i])),
      lower: round(floor(f.lower[i])),
      upper: round(floor(f.upper[i])),
    })),
  };
}
