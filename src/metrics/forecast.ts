import { sql } from "kysely";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { newId } from "../model/ids.ts";
import { isCurrency } from "../model/money.ts";
import { issuesToDetails } from "../records/index.ts";
import { type Computation, coreCache, rawSeries } from "./compute-metric.ts";
import type { MetricDef } from "./definition.ts";
import { earlierDate, isDate, type Period, previousPeriod } from "./periods.ts";
import { findMetric, metricDef } from "./registry/index.ts";

const date = z.string().refine(isDate, "must be a date as YYYY-MM-DD");
export const forecastSnapshotSchema = z
  .object({
    metric: z.string().refine((k) => {
      const def = findMetric(k);
      return def !== undefined && !def.forecast;
    }, "must be the key of a KPI that is not itself a forecast score"),
    scope: z.string().min(1).max(100).default("company"),
    period_start: date,
    period_end: date,
    forecast_value: z.number().refine(Number.isFinite, "must be a finite number"),
    currency: z.string().toUpperCase().refine(isCurrency, "must be an ISO 4217 currency code").optional(),
    method: z.string().max(100).optional(),
    taken_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((s) => s.period_end >= s.period_start, {
    message: "must not be before period_start",
    path: ["period_end"],
  });

export type ForecastSnapshotInput = z.input<typeof forecastSnapshotSchema>;

/**
 * Stores forecast snapshots (money in minor units of `currency`, the reporting currency when
 * omitted); all or nothing.
 */
export async function recordForecastSnapshots(db: Db, workspaceId: string, input: unknown) {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0 || list.length > 1000) {
    throw new AppError("validation_failed", "snapshots: send 1 to 1000 snapshots", { field: "snapshots" });
  }
  const rows = list.map((item, row) => {
    const parsed = forecastSnapshotSchema.safeParse(item);
    if (!parsed.success) {
      const details = issuesToDetails(parsed.error.issues, row, item);
      throw new AppError("validation_failed", details[0]?.message ?? "invalid snapshot", {
        field: details[0]?.field,
        details,
      });
    }
    const s = parsed.data;
    return {
      ...s,
      currency: s.currency ?? null,
      method: s.method ?? null,
      taken_at: s.taken_at ?? new Date().toISOString(),
    };
  });
  return insertForecastSnapshots(db, workspaceId, rows);
}

/** A snapshot row as stored (valid: from the API's schema, or built by Revline itself). */
export interface ForecastSnapshotRow {
  metric: string;
  scope: string;
  period_start: string;
  period_end: string;
  forecast_value: number;
  currency: string | null;
  method: string | null;
  taken_at: string;
}

/**
 * Inserts valid snapshot rows in one statement whatever their number (one JSON parameter: the
 * weekly snapshot of a workspace with hundreds of owners writes thousands of rows, past the
 * driver's parameter limit).
 */
export async function insertForecastSnapshots(db: DbOrTx, workspaceId: string, rows: ForecastSnapshotRow[]) {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map((r) => ({ id: newId("fcs"), ...r })));
  const { rows: saved } = await sql<Record<string, unknown>>`
    insert into forecast_snapshots
      (workspace_id, id, metric, scope, method, period_start, period_end, forecast_value, currency, taken_at)
    select ${workspaceId}, x.id, x.metric, x.scope, x.method, x.period_start, x.period_end, x.forecast_value, x.currency, x.taken_at
    from jsonb_to_recordset(${json}::jsonb) as x(id text, metric text, scope text, method text,
      period_start date, period_end date, forecast_value numeric, currency text, taken_at timestamptz)
    returning *`.execute(db);
  return saved;
}

export async function listForecastSnapshots(db: Db, workspaceId: string, metric?: string) {
  let q = db.selectFrom("forecast_snapshots").selectAll().where("workspace_id", "=", workspaceId);
  if (metric) q = q.where("metric", "=", metric);
  const rows = await q.orderBy("period_start", "desc").orderBy("taken_at", "desc").limit(1000).execute();
  return rows.map(({ workspace_id: _ws, ...rest }) => rest);
}

interface Scored {
  period: Period;
  actual: number | null;
  forecast: number | null;
  snapshotId: string | null;
}

/** The snapshot scored for each period: the latest taken no later than the period start + lock days. */
async function snapshotsFor(c: Computation, metric: MetricDef, periods: Period[]) {
  const s = c.ws.settings;
  const rows = periods.map((p) => ({ key: p.key, start_date: p.start, end_date: p.end }));
  const { rows: found } = await sql<{
    key: string;
    id: string;
    forecast_value: number;
    currency: string | null;
  }>`
    select distinct on (p.key) p.key, f.id, f.forecast_value, f.currency
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as p(key text, start_date date, end_date date)
    join forecast_snapshots f on f.workspace_id = ${c.ws.id} and f.metric = ${metric.key} and f.scope = 'company'
      and f.period_start = p.start_date and f.period_end = p.end_date
      and f.taken_at <= (p.start_date::timestamp at time zone ${c.ws.timezone}) + ${`${s.forecast_lock_days} days`}::interval
    order by p.key, f.taken_at desc, f.created_at desc`.execute(c.db);
  return new Map(found.map((f) => [f.key, f]));
}

/** Actuals and forecasts of the scored KPI from `lookback` periods before the displayed ones. */
export async function forecastVersusActual(
  c: Computation,
  lookback: number,
): Promise<{ metric: MetricDef; scored: Scored[] }> {
  const metric = metricDef(c.parsed.forecastMetric ?? "bookings");
  if (metric.forecast) {
    throw new AppError("bad_request", `filter: metric:${metric.key} is itself a forecast score`, {
      field: "filter",
    });
  }
  const week = c.ws.settings.week_starts_on;
  const periods = [...c.scope.periods];
  for (let i = 0; i < lookback; i++) periods.unshift(previousPeriod(periods[0], c.parsed.grain, week));
  const scope = { ...c.scope, periods, by: undefined, filters: [] };
  const actuals = await rawSeries(metric, { ...c, scope, cache: coreCache(c.db, scope) });
  const snapshots = await snapshotsFor(c, metric, periods);
  const money = metric.unit === "money" || metric.unit === "money_per_day";
  const scored = actuals.map((a) => {
    const snap = snapshots.get(a.period.key);
    let forecast: number | null = null;
    if (snap) {
      const rateDay = earlierDate(a.period.end, c.scope.today);
      const factor = money ? c.scope.fx.factor(snap.currency ?? c.ws.currency, rateDay) : 1;
      if (factor === undefined)
        throw new AppError("validation_failed", `fx_rates: no rate converts ${snap.currency}`, {
          field: "fx_rates",
        });
      forecast = snap.forecast_value * factor;
    }
    return { period: a.period, actual: a.value, forecast, snapshotId: snap?.id ?? null };
  });
  return { metric, scored };
}

const error = (s: Scored) =>
  s.forecast === null || s.actual === null || s.actual === 0
    ? null
    : Math.abs(s.actual - s.forecast) / Math.abs(s.actual);

/** Forecast accuracy or revenue predictability per displayed period (with the one before, for `previous`). */
export async function scoreForecasts(def: MetricDef, c: Computation) {
  const window = def.forecast === "predictability" ? c.ws.settings.predictability_periods : 1;
  const tolerance = c.ws.settings.predictability_tolerance;
  const { scored } = await forecastVersusActual(c, window);
  const value = (i: number): number | null => {
    if (def.forecast === "accuracy") {
      const e = error(scored[i]);
      return e === null ? null : Math.max(0, 1 - e);
    }
    const errors = scored
      .slice(i - window + 1, i + 1)
      .map(error)
      .filter((e): e is number => e !== null);
    return errors.length === 0 ? null : errors.filter((e) => e <= tolerance).length / errors.length;
  };
  // scored[window - 1] is the period before the first displayed one.
  const out = [];
  for (let i = window; i < scored.length; i++) {
    out.push({ period: scored[i].period, group: null, value: value(i), previous: value(i - 1) });
  }
  return out;
}
