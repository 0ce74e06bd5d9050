import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { computeMetrics } from "../../metrics/index.ts";
import { addDays, type Period, periodOf, previousPeriod, todayIn } from "../../metrics/periods.ts";
import { loadMetricWorkspace } from "../../metrics/settings.ts";
import { fromMinor } from "../../model/money.ts";
import { startOfDay } from "../deals/load-deals.ts";
import { parseBy } from "../periods/period-param.ts";
import { type ForecastPoint, scoreForecastPoints } from "./scoring.ts";
import {
  type GroupBy,
  groupOfScope,
  HEADLINE_SCOPE,
  METHODS_SCOPE,
  NO_GROUP,
  SNAPSHOT_METRIC,
} from "./take-snapshots.ts";

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
  const count = parseQuarterCount(query.quarters);
  const ws = await loadMetricWorkspace(db, workspaceId);
  const periods = scoredQuarters(ws, count, now);
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
    by: "company",
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

type Workspace = Awaited<ReturnType<typeof loadMetricWorkspace>>;
const GROUP_METHODS = ["headline", "call"] as const;

function parseQuarterCount(raw: string | undefined): number {
  const count = raw === undefined || raw === "" ? 8 : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 40) {
    throw new AppError("validation_failed", "quarters: must be a whole number from 1 to 40", {
      field: "quarters",
    });
  }
  return count;
}

/** The last `count` complete quarters (workspace time zone), oldest first. */
function scoredQuarters(ws: Workspace, count: number, now: Date): Period[] {
  const periods: Period[] = [previousPeriod(periodOf(todayIn(ws.timezone, now), "quarter"), "quarter")];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0], "quarter"));
  return periods;
}

/** GET /api/forecast/accuracy: the company's (forecastAccuracy) or, with `by`, per team or owner. */
export async function accuracyReport(
  db: Db,
  workspaceId: string,
  query: { quarters?: string; by?: string },
  now = new Date(),
) {
  parseQuarterCount(query.quarters);
  const by = parseBy(query.by);
  return by === "company"
    ? forecastAccuracy(db, workspaceId, query, now)
    : forecastAccuracyByGroup(db, workspaceId, by, query, now);
}

/**
 * Accuracy per team or per owner: each group's snapshots (scope `team:<id>` / `owner:<id>`,
 * written by takeForecastSnapshots; the headline method's number and the group's call) scored
 * against the bookings won by that group in each quarter — the bookings KPI sliced by the deal's
 * owner, or the owner's team, which is how the period forecast groups deals (its `closed`). The
 * snapshot scored is chosen as for the company: the latest taken no later than
 * forecast_lock_days after the quarter began. Groups with a snapshot or bookings in the range.
 */
export async function forecastAccuracyByGroup(
  db: Db,
  workspaceId: string,
  by: GroupBy,
  query: { quarters?: string },
  now = new Date(),
) {
  const count = parseQuarterCount(query.quarters);
  const ws = await loadMetricWorkspace(db, workspaceId);
  const periods = scoredQuarters(ws, count, now);
  const range = { grain: "quarter", from: periods[0].start, to: periods[periods.length - 1].end, by };
  const [[bookings], snapshots] = await Promise.all([
    computeMetrics(db, ws.id, ["bookings"], range, { now }),
    sql<{
      scope: string;
      method: string | null;
      period_start: string;
      period_end: string;
      forecast_value: string | number;
      currency: string | null;
      taken_at: Date | string;
    }>`
      select distinct on (f.scope, f.method, f.period_start, f.period_end)
        f.scope, f.method, f.period_start, f.period_end, f.forecast_value, f.currency, f.taken_at
      from forecast_snapshots f
      where f.workspace_id = ${ws.id} and f.metric = ${SNAPSHOT_METRIC} and f.scope like ${`${by}:%`}
        and f.period_start >= ${periods[0].start} and f.period_start <= ${periods[periods.length - 1].start}
        and f.taken_at <= (f.period_start::timestamp at time zone ${ws.timezone})
          + make_interval(days => ${ws.settings.forecast_lock_days})
      order by f.scope, f.method, f.period_start, f.period_end, f.taken_at desc, f.created_at desc`.execute(
      db,
    ),
  ]);
  const groupKey = (id: string | null) => id ?? NO_GROUP;
  const ids = new Map<string, string | null>();
  const labels = new Map<string, string>();
  const actual = new Map<string, number>();
  for (const p of bookings.series) {
    const id = (p.group as string | null | undefined) ?? null;
    ids.set(groupKey(id), id);
    if (p.label) labels.set(groupKey(id), p.label);
    actual.set(`${groupKey(id)}|${p.period}`, p.value ?? 0);
  }
  const chosen = new Map<string, { value: number; takenAt: number }>();
  for (const s of snapshots.rows) {
    const id = groupOfScope(by, s.scope);
    const period = periods.find((p) => p.start === s.period_start && p.end === s.period_end);
    if (id === undefined || !period) continue;
    ids.set(groupKey(id), id);
    const method = s.method === "call" ? "call" : "headline";
    const key = `${groupKey(id)}|${method}|${period.key}`;
    const takenAt = new Date(s.taken_at).getTime();
    const value = fromMinor(Number(s.forecast_value), s.currency ?? ws.currency);
    const seen = chosen.get(key);
    if (!seen || seen.takenAt < takenAt) chosen.set(key, { value, takenAt });
  }
  const missing = [...ids.values()].filter((id): id is string => id !== null && !labels.has(id));
  if (missing.length > 0) {
    const rows = await db
      .selectFrom(by === "team" ? "teams" : "users")
      .select(["id", "name"])
      .where("workspace_id", "=", ws.id)
      .where("id", "in", missing)
      .execute();
    for (const r of rows) labels.set(r.id as string, r.name as string);
  }
  const groups = [...ids].map(([key, id]) => ({
    group: id,
    label: id === null ? NO_GROUP : (labels.get(key) ?? id),
    methods: Object.fromEntries(
      GROUP_METHODS.map((m) => {
        const points: ForecastPoint[] = periods.map((p) => ({
          period: p.key,
          forecast: chosen.get(`${key}|${m}|${p.key}`)?.value ?? null,
          actual: actual.get(`${key}|${p.key}`) ?? 0,
        }));
        return [m, scoreForecastPoints(points)];
      }),
    ) as Record<(typeof GROUP_METHODS)[number], ReturnType<typeof scoreForecastPoints>>,
  }));
  groups.sort((a, b) =>
    a.group === null
      ? 1
      : b.group === null
        ? -1
        : a.label.localeCompare(b.label) || (a.group < b.group ? -1 : 1),
  );
  return {
    metric: SNAPSHOT_METRIC,
    by,
    currency: ws.currency,
    lock_days: ws.settings.forecast_lock_days,
    periods: periods.map((p) => ({ period: p.key, start: p.start, end: p.end })),
    groups,
  };
}
