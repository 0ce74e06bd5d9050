import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/types.ts";
import { type ForecastSnapshotRow, insertForecastSnapshots } from "../../metrics/index.ts";
import { type Grain, type Period, periodOf, todayIn } from "../../metrics/periods.ts";
import { loadMetricWorkspace } from "../../metrics/settings.ts";
import { minorDigits } from "../../model/money.ts";
import { type DealForecast, forecastDeals } from "../deals/forecast-deals.ts";
import { startOfDay } from "../deals/load-deals.ts";
import { loadCalls } from "../periods/calls.ts";
import { forecastMetricSeries } from "../periods/metric-series.ts";
import { forecastPeriod, PERIOD_METHODS } from "../periods/period-forecast.ts";
import { quartersFrom } from "../periods/period-param.ts";

/** The scored KPI of every snapshot. */
export const SNAPSHOT_METRIC = "bookings";
/** Scope of the headline forecast (the one the metrics engine's forecast accuracy scores). */
export const HEADLINE_SCOPE = "company";
/** Scope of every method's own snapshot, scored per method by /api/forecast/accuracy. */
export const METHODS_SCOPE = "company:methods";
export const SNAPSHOT_METHODS = [...PERIOD_METHODS, "series", "call"] as const;
/** Groups snapshotted beside the company: per team (the owner's team) and per owner. */
export const GROUP_BY = ["team", "owner"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
/** The id standing for "no team" / "no owner" in a group scope (as in the metrics engine's filters). */
export const NO_GROUP = "(none)";

/** Scope of one team's or owner's snapshots: `team:<team id>`, `owner:<user id>`, `team:(none)`. */
export const groupScope = (by: GroupBy, id: string | null) => `${by}:${id ?? NO_GROUP}`;
/** The group id of a group scope (null for "none"), undefined when the scope is not of `by`. */
export function groupOfScope(by: GroupBy, scope: string): string | null | undefined {
  if (!scope.startsWith(`${by}:`)) return undefined;
  const id = scope.slice(by.length + 1);
  return id === NO_GROUP ? null : id;
}

/** Bookings the series engine expects in each quarter: complete months' actuals plus forecast months. */
async function seriesByQuarter(db: Db, workspaceId: string, quarters: Period[], now: Date) {
  const s = await forecastMetricSeries(db, workspaceId, { metric: "bookings", horizon: 6 }, now);
  const byMonth = new Map<string, number>();
  for (const h of s.history) byMonth.set(h.period, h.value);
  for (const f of s.forecast) byMonth.set(f.period, f.value);
  if (s.forecast.length === 0) return new Map<string, number>();
  return new Map(
    quarters.map((q) => {
      const months = [0, 1, 2].map(
        (i) => `${q.start.slice(0, 4)}-${String(Number(q.start.slice(5, 7)) + i).padStart(2, "0")}`,
      );
      return [q.key, months.reduce((a, m) => a + (byMonth.get(m) ?? 0), 0)];
    }),
  );
}

/**
 * Snapshots the bookings forecast of this quarter and the next: one row per method (scope
 * `company:methods`) and the headline (the model's number, or the weighted pipeline when the
 * model falls back) under scope `company`; per team and per owner (scopes `team:<id>`,
 * `owner:<id>`) the headline method's number and, when one was submitted, the latest call
 * (method `call`). Money in reporting minor units.
 */
export async function takeForecastSnapshots(
  db: Db,
  workspaceId: string,
  options: {
    now?: Date;
    forecast?: DealForecast;
    /** Write nothing when a snapshot was taken at or after this instant (checked under a lock). */
    unlessTakenSince?: number;
  } = {},
) {
  const now = options.now ?? new Date();
  const f = options.forecast ?? (await forecastDeals(db, workspaceId, now));
  const currency = f.fw.ws.currency;
  const quarters = quartersFrom(f.fw.dayOf(f.now), 2);
  const series = await seriesByQuarter(db, workspaceId, quarters, now);
  const headline = f.model.method === "model" ? "model" : "weighted";
  const takenAt = now.toISOString();
  const rows: ForecastSnapshotRow[] = [];
  for (const q of quarters) {
    const calls = await loadCalls(db, workspaceId, q);
    const [company] = forecastPeriod(f, q, "company", calls);
    const base = {
      metric: SNAPSHOT_METRIC,
      period_start: q.start,
      period_end: q.end,
      currency,
      taken_at: takenAt,
    };
    const values: Record<string, number | undefined> = {
      ...company.methods,
      series: undefined,
      call: undefined,
    };
    if (series.has(q.key)) values.series = series.get(q.key)! * 10 ** minorDigits(currency);
    if (company.call) values.call = company.call.amount;
    rows.push({
      ...base,
      scope: HEADLINE_SCOPE,
      method: headline,
      forecast_value: Math.round(company.methods[headline]),
    });
    for (const method of SNAPSHOT_METHODS) {
      const v = values[method];
      if (v !== undefined)
        rows.push({ ...base, scope: METHODS_SCOPE, method, forecast_value: Math.round(v) });
    }
    for (const by of GROUP_BY) {
      for (const g of forecastPeriod(f, q, by, calls)) {
        const scope = groupScope(by, g.group);
        rows.push({ ...base, scope, method: headline, forecast_value: Math.round(g.methods[headline]) });
        if (g.call) rows.push({ ...base, scope, method: "call", forecast_value: Math.round(g.call.amount) });
      }
    }
  }
  // One writer per workspace at a time, so two servers' schedules cannot both take this week's.
  const saved = await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`forecast_snapshots:${workspaceId}`}))`.execute(tx);
    if (options.unlessTakenSince !== undefined) {
      const last = await lastSnapshotAt(tx, workspaceId);
      if (last && last.getTime() >= options.unlessTakenSince) return undefined;
    }
    return insertForecastSnapshots(tx, workspaceId, rows);
  });
  return {
    taken_at: takenAt,
    headline_method: headline,
    model: { method: f.model.method, reason: f.model.reason },
    snapshots: saved?.length ?? 0,
  };
}

/** When the latest snapshot of the workspace was taken, if any. */
export async function lastSnapshotAt(db: DbOrTx, workspaceId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom("forecast_snapshots")
    .select(sql<Date>`max(taken_at)`.as("last"))
    .where("workspace_id", "=", workspaceId)
    .where("metric", "=", SNAPSHOT_METRIC)
    .where("scope", "=", HEADLINE_SCOPE)
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : undefined;
}

/**
 * The scheduled snapshot: taken when none was taken yet in the current `every` period (a
 * calendar week by default, workspace time zone), so running it again in the same week does
 * nothing. Returns whether it took one.
 */
export async function snapshotIfDue(
  db: Db,
  workspaceId: string,
  options: { now?: Date; every?: Extract<Grain, "day" | "week" | "month"> } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const every = options.every ?? "week";
  const ws = await loadMetricWorkspace(db, workspaceId);
  const current = periodOf(todayIn(ws.timezone, now), every, ws.settings.week_starts_on);
  const since = startOfDay(current.start, ws.timezone);
  const last = await lastSnapshotAt(db, workspaceId);
  if (last && last.getTime() >= since) return false;
  const taken = await takeForecastSnapshots(db, workspaceId, { now, unlessTakenSince: since });
  return taken.snapshots > 0;
}
