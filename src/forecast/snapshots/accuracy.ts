import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { computeMetrics } from "../../metrics/index.ts";
import { addDays, type Period, periodOf, previousPeriod, todayIn } from "../../metrics/periods.ts";
import { loadMetricWorkspace } from "../../metrics/settings.ts";
import { fromMinor } from "../../model/money.ts";
import { startOfDay } from "../deals/load-deals.ts";
import { type ForecastPoint, scoreForecastPoints } from "./scoring.ts";
import { HEADLINE_SCOPE, METHODS_SCOPE, SNAPSHOT_METRIC } from "./take-snapshots.ts";

/**
 * Forecast against actual bookings for the last `quarters` complete quarters, per method: the
 * forecast scored for a quarter is the latest snapshot taken no later than forecast_lock_days
 * after it began (the metrics engine's rule), with per-period accuracy and MAPE, bias and mean
 * accuracy over the periods. The metrics engine's forecast_accuracy and revenue_predictability
 * KPIs of the headline forecast come alongside.
 */
export async function forecastAccuracy(
  db: Db,
  workspaceId: string,
  query: { quarters?: string },
  now = new Date(),
) {
  const count = query.quarters === undefined || query.quarters === "" ? 8 : Number(query.quarters);
  if (!Number.isInteger(count) || count < 1 || count > 40) {
    throw new AppError("validation_failed", "quarters: must be a whole number from 1 to 40", {
      field: "quarters",
    });
  }
  const ws = await loadMetricWorkspace(db, workspaceId);
  const today = todayIn(ws.timezone, now);
  const periods: Period[] = [previousPeriod(periodOf(today, "quarter"), "quarter")];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0], "quarter"));
  const range = { grain: "quarter", from: periods[0].start, to: periods[periods.length - 1].end };
  const [[bookings], [accuracyKpi, predictability]] = await Promise.all([
    computeMetrics(db, workspaceId, ["bookings"], range, { now }),
    computeMetrics(
      db,
      workspaceId,
      ["forecast_accuracy", "revenue_predictability"],
      {
        ...range,
        filter: `metric:${SNAPSHOT_METRIC}`,
      },
      { now },
    ),
  ]);
  const actual = new Map(bookings.series.map((p) => [p.period, p.value]));
  const snapshots = await db
    .selectFrom("forecast_snapshots")
    .select(["scope", "method", "period_start", "period_end", "forecast_value", "currency", "taken_at"])
    .where("workspace_id", "=", workspaceId)
    .where("metric", "=", SNAPSHOT_METRIC)
    .where("scope", "in", [HEADLINE_SCOPE, METHODS_SCOPE])
    .where("period_start", ">=", periods[0].start)
    .where("period_start", "<=", periods[periods.length - 1].start)
    .execute();
  const chosen = new Map<string, { value: number; takenAt: number }>();
  for (const s of snapshots) {
    const period = periods.find((p) => p.start === s.period_start && p.end === s.period_end);
    if (!period) continue;
    const lock = startOfDay(addDays(period.start, ws.settings.forecast_lock_days), ws.timezone);
    const takenAt = new Date(s.taken_at).getTime();
    if (takenAt > lock) continue;
    const method = s.scope === HEADLINE_SCOPE ? "headline" : (s.method ?? "unknown");
    const key = `${method}|${period.key}`;
    const value = fromMinor(Number(s.forecast_value), s.currency ?? ws.currency);
    const seen = chosen.get(key);
    if (!seen || seen.takenAt < takenAt) chosen.set(key, { value, takenAt });
  }
  const methods = [...new Set([...chosen.keys()].map((k) => k.split("|")[0]))].sort();
  return {
    metric: SNAPSHOT_METRIC,
    currency: ws.currency,
    lock_days: ws.settings.forecast_lock_days,
    periods: periods.map((p) => ({
      period: p.key,
      start: p.start,
      end: p.end,
      actual: actual.get(p.key) ?? null,
    })),
    methods: Object.fromEntries(
      methods.map((m) => {
        const points: ForecastPoint[] = periods.map((p) => ({
          period: p.key,
          forecast: chosen.get(`${m}|${p.key}`)?.value ?? null,
          actual: actual.get(p.key) ?? null,
        }));
        return [m, scoreForecastPoints(points)];
      }),
    ),
    kpis: {
      forecast_accuracy: accuracyKpi.series,
      revenue_predictability: predictability.series,
    },
  };
}
