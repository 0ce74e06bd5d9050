import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { fromMinor } from "../model/money.ts";
import { CORES } from "./cores.ts";
import type { CoreName, MetricDef, Values } from "./definition.ts";
import { scoreForecasts } from "./forecast.ts";
import { loadFxTable, missingRateError } from "./fx.ts";
import { type MetricQuery, type ParsedQuery, parseMetricQuery } from "./metric-query.ts";
import { earlierDate, type Grain, type Period, previousPeriod, todayIn } from "./periods.ts";
import { metricDef, metricDimensions } from "./registry/index.ts";
import { refreshRollups } from "./rollups.ts";
import { loadMetricWorkspace, type MetricWorkspace } from "./settings.ts";
import { ID_DIMENSIONS } from "./sql/dimensions.ts";
import type { CoreRow, Scope } from "./sql/scope.ts";
import { loadTargets, type TargetRow, type TargetScope, targetOf } from "./targets.ts";

export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  group?: string | null;
  /** The group's record name when the dimension is a record (owner, team, partner, campaign). */
  label?: string | null;
  value: number | null;
  previous: number | null;
  target?: number | null;
  attainment?: number | null;
}

export interface MetricResult {
  metric: ReturnType<typeof describeMetric>;
  grain: Grain;
  from: string;
  to: string;
  currency: string;
  by: string | null;
  filter: Record<string, string[]>;
  series: SeriesPoint[];
}

/** The registry entry as the API shows it (everything but the code). */
export function describeMetric(def: MetricDef, ws?: MetricWorkspace) {
  return {
    key: def.key,
    name: def.name,
    family: def.family,
    definition: def.definition,
    formula: def.formula,
    unit: def.unit,
    owners: def.owners,
    indicator: def.indicator,
    better: def.better,
    resource: def.resource,
    dimensions: metricDimensions(def, ws?.settings),
    targets: def.targets?.kpis ?? [],
    notes: def.notes ?? [],
    settings: Object.fromEntries((def.settings ?? []).map((s) => [s, ws ? ws.settings[s] : null])),
  };
}

const NULL_GROUP = "\u0001";
const keyOf = (period: string, grp: string | null) => `${period}\u0000${grp ?? NULL_GROUP}`;

export interface CoreCache {
  rows(name: CoreName): Promise<CoreRow[]>;
}

/** Runs each aggregate query at most once per request, however many KPIs read it. */
export function coreCache(db: Db, scope: Scope): CoreCache {
  const runs = new Map<CoreName, Promise<CoreRow[]>>();
  const explainMissingRates = async (name: CoreName): Promise<never> => {
    const missing = new Set<string>();
    for (const [table, column] of CORES[name].currencies) {
      const { rows } = await sql<{
        c: string;
      }>`select distinct ${sql.ref(column)} as c from ${sql.table(table)}
        where workspace_id = ${scope.ws.id} and ${sql.ref(column)} is not null`.execute(db);
      for (const { c } of rows) if (scope.fx.factor(c, scope.today) === undefined) missing.add(c);
    }
    throw missingRateError([...missing].sort(), scope.ws.currency);
  };
  return {
    rows(name) {
      let run = runs.get(name);
      if (!run) {
        run = CORES[name].run(db, scope).then(async (rows) => {
          if (rows.some((r) => r.values.fx_missing)) await explainMissingRates(name);
          return rows;
        });
        runs.set(name, run);
      }
      return run;
    },
  };
}

/** Merged aggregates of a KPI's cores per (period, group), and the groups seen. */
async function valuesOf(def: MetricDef, cache: CoreCache) {
  const merged = new Map<string, Values>();
  const groups = new Set<string | null>();
  for (const name of def.cores) {
    for (const row of await cache.rows(name)) {
      groups.add(row.grp);
      const key = keyOf(row.period, row.grp);
      const into = merged.get(key) ?? {};
      for (const [k, v] of Object.entries(row.values)) into[k] = (into[k] ?? 0) + (v ?? 0);
      merged.set(key, into);
    }
  }
  return { merged, groups };
}

const ZERO = new Proxy({} as Values, { get: (_, k) => (k === "then" ? undefined : 0) });
const withZeros = (v: Values | undefined): Values =>
  v ? new Proxy(v, { get: (t, k: string) => t[k] ?? 0 }) : ZERO;

export interface Computation {
  db: Db;
  ws: MetricWorkspace;
  /** The KPIs asked for together. */
  defs: MetricDef[];
  parsed: ParsedQuery;
  /** The displayed periods preceded by the one before the first (for `previous`). */
  scope: Scope;
  cache: CoreCache;
  targets?: Promise<TargetRow[]>;
}

export interface ComputeOptions {
  /** The moment "now" (tests and benchmarks fix it); default the clock. */
  now?: Date;
  /** false: compute everything live, ignoring pre-aggregates. */
  rollups?: boolean;
}

export async function prepare(
  db: Db,
  workspaceId: string,
  defs: MetricDef[],
  query: MetricQuery,
  options: ComputeOptions = {},
) {
  const now = options.now ?? new Date();
  const ws = await loadMetricWorkspace(db, workspaceId);
  const today = todayIn(ws.timezone, now);
  const parsed = parseMetricQuery(defs, ws, query, today);
  const fx = await loadFxTable(db, ws.id, ws.currency, ws.settings.fx_pivot_currency);
  const periods = [
    previousPeriod(parsed.periods[0], parsed.grain, ws.settings.week_starts_on),
    ...parsed.periods,
  ];
  const scope: Scope = {
    ws,
    grain: parsed.grain,
    periods,
    by: parsed.by,
    filters: parsed.filters,
    fx,
    now,
    today,
    rollups: options.rollups,
  };
  const computation: Computation = { db, ws, defs, parsed, scope, cache: coreCache(db, scope) };
  return computation;
}

/** Raw values (money in reporting minor units) per period and group, displayed periods first to last. */
export async function rawSeries(def: MetricDef, c: Computation) {
  const { merged, groups } = await valuesOf(def, c.cache);
  const ordered = c.parsed.by ? [...groups].sort(compareGroups) : [null];
  const all = c.scope.periods;
  const out: Array<{ period: Period; group: string | null; value: number | null; previous: number | null }> =
    [];
  const targets = def.measuredAgainst ? await measuredTargets(def, c) : undefined;
  for (const group of ordered) {
    let previous: number | null = null;
    all.forEach((period, i) => {
      const v = withZeros(merged.get(keyOf(period.key, group)));
      const target = targets?.(period, group);
      const value = def.value(v, { grain: c.parsed.grain, period, settings: c.ws.settings, target });
      if (i > 0) out.push({ period, group, value, previous });
      previous = value;
    });
  }
  return out;
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function targetScope(c: Computation, group: string | null): TargetScope | undefined {
  if (!c.parsed.by) return { level: "company" };
  if (c.parsed.by === "team") return { level: "team", id: group };
  if (c.parsed.by === "owner") return { level: "owner", id: group };
  return undefined;
}

const rateDayOf = (period: Period, today: string) => earlierDate(period.end, today);

async function measuredTargets(def: MetricDef, c: Computation) {
  const against = metricDef(def.measuredAgainst!);
  const rows = await targetRows(against, c);
  return (period: Period, group: string | null) => {
    const scope = targetScope(c, group);
    return scope
      ? targetOf(against, rows, period, scope, c.scope.fx, rateDayOf(period, c.scope.today))
      : null;
  };
}

/**
 * Targets of every KPI of the computation, loaded once and shared — only the levels the
 * slicing can use: none when sliced by anything but team or owner; company and team rows for the
 * company (users' only when there are none).
 */
async function targetRows(def: MetricDef, c: Computation): Promise<TargetRow[]> {
  const kpis = def.targets?.kpis ?? [];
  if (kpis.length === 0 || !targetScope(c, null)) return [];
  c.targets ??= (async () => {
    const periods = c.scope.periods;
    const withAgainst = c.defs.flatMap((d) => [
      d,
      ...(d.measuredAgainst ? [metricDef(d.measuredAgainst)] : []),
    ]);
    const all = [...new Set(withAgainst.flatMap((d) => d.targets?.kpis ?? []))];
    const [from, to] = [periods[0].start, periods[periods.length - 1].end];
    if (c.parsed.by) return loadTargets(c.db, c.ws.id, all, from, to);
    const above = await loadTargets(c.db, c.ws.id, all, from, to, "above_users");
    const missing = all.filter((k) => !above.some((r) => r.kpi === k));
    return missing.length ? [...above, ...(await loadTargets(c.db, c.ws.id, missing, from, to))] : above;
  })();
  return (await c.targets).filter((r) => kpis.includes(r.kpi));
}

const isMoney = (def: MetricDef) => def.unit === "money" || def.unit === "money_per_day";

function majorUnits(minor: number | null, currency: string): number | null {
  if (minor === null || !Number.isFinite(minor)) return null;
  return fromMinor(Math.sign(minor) * Math.round(Math.abs(minor)), currency);
}

async function groupLabels(c: Computation, groups: Array<string | null>): Promise<Map<string, string>> {
  const table = c.parsed.by ? ID_DIMENSIONS[c.parsed.by] : undefined;
  const ids = groups.filter((g): g is string => g !== null);
  if (!table || ids.length === 0) return new Map();
  const rows = await c.db
    .selectFrom(table)
    .select(["id", "name"])
    .where("workspace_id", "=", c.ws.id)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}

/** One KPI's response: its definition and one value per period (and group). */
export async function metricResult(def: MetricDef, c: Computation): Promise<MetricResult> {
  const raw = def.forecast ? await scoreForecasts(def, c) : await rawSeries(def, c);
  const money = isMoney(def);
  const currency = c.ws.currency;
  const show = (v: number | null) => (money ? majorUnits(v, currency) : v);
  const rows = def.targets ? await targetRows(def, c) : [];
  const labels = await groupLabels(c, [...new Set(raw.map((r) => r.group))]);
  const series = raw.map((r) => {
    const point: SeriesPoint = {
      period: r.period.key,
      start: r.period.start,
      end: r.period.end,
      value: show(r.value),
      previous: show(r.previous),
    };
    if (c.parsed.by) {
      point.group = r.group;
      if (ID_DIMENSIONS[c.parsed.by]) point.label = r.group === null ? null : (labels.get(r.group) ?? null);
    }
    if (def.targets) {
      const scope = targetScope(c, r.group);
      const target = scope
        ? targetOf(def, rows, r.period, scope, c.scope.fx, rateDayOf(r.period, c.scope.today))
        : null;
      point.target = show(target);
      point.attainment = target && r.value !== null ? r.value / target : null;
    }
    return point;
  });
  const periods = c.parsed.periods;
  return {
    metric: describeMetric(def, c.ws),
    grain: c.parsed.grain,
    from: periods[0].start,
    to: periods[periods.length - 1].end,
    currency,
    by: c.parsed.by ?? null,
    filter: Object.fromEntries(c.parsed.filters.map((f) => [f.dim, f.values])),
    series,
  };
}

/** Several KPIs over the same periods and slicing, sharing every aggregate query they have in common. */
export async function computeMetrics(
  db: Db,
  workspaceId: string,
  keys: string[],
  query: MetricQuery,
  options: ComputeOptions = {},
): Promise<MetricResult[]> {
  const defs = keys.map(metricDef);
  const c = await prepare(db, workspaceId, defs, query, options);
  // On PostgreSQL the aggregate queries run side by side on the pool; PGlite takes them in turn.
  return Promise.all(defs.map((def) => metricResult(def, c)));
}

export async function computeMetric(
  db: Db,
  workspaceId: string,
  key: string,
  query: MetricQuery,
  options: ComputeOptions = {},
): Promise<MetricResult> {
  return (await computeMetrics(db, workspaceId, [key], query, options))[0];
}

/** Brings the workspace's monthly pre-aggregates up to date now (after a bulk load, say). */
export async function refreshMetricRollups(
  db: Db,
  workspaceId: string,
  options: ComputeOptions = {},
): Promise<void> {
  const c = await prepare(db, workspaceId, [metricDef("mrr")], { grain: "month" }, options);
  await refreshRollups(db, c.scope);
}
