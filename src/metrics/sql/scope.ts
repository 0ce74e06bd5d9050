import { type RawBuilder, sql } from "kysely";
import type { FxTable } from "../fx.ts";
import { addDays, type Grain, type Period } from "../periods.ts";
import type { MetricWorkspace } from "../settings.ts";
import { type Dimension, dimensionSql, type Entity } from "./dimensions.ts";

/** Everything one computation is about: which workspace, which periods, how sliced. */
export interface Scope {
  ws: MetricWorkspace;
  grain: Grain;
  periods: Period[];
  by?: Dimension;
  filters: Array<{ dim: Dimension; values: string[] }>;
  fx: FxTable;
  /** The moment "now": periods ending later are read as of now. */
  now: Date;
  today: string;
  /** Read pre-aggregates where they cover the query (default); false computes everything live. */
  rollups?: boolean;
}

/** One row a core query returns: a period, a group (null without `by`) and named numbers. */
export interface CoreRow {
  period: string;
  grp: string | null;
  values: Record<string, number | null>;
}

export const jsonParam = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/**
 * `periods(idx, key, start_date, end_date, start_at, end_at)`: the periods as local dates and
 * the instants they start and end at in the workspace time zone (end exclusive).
 */
export function periodsCte(scope: Scope): RawBuilder<unknown> {
  const rows = scope.periods.map((p, idx) => ({ idx, key: p.key, start_date: p.start, end_date: p.end }));
  const tz = scope.ws.timezone;
  return sql`periods as materialized (
    select p.idx, p.key, p.start_date, p.end_date,
      (p.start_date::timestamp at time zone ${tz}) as start_at,
      ((p.end_date + 1)::timestamp at time zone ${tz}) as end_at
    from jsonb_to_recordset(${jsonParam(rows)}) as p(idx int, key text, start_date date, end_date date))`;
}

/** `days(day, key)`: every local day of every period, for bucketing events by equality. */
export const daysCte = sql`days as materialized (
  select d::date as day, p.key from periods p, generate_series(p.start_date, p.end_date, interval '1 day') d)`;

/** `fx(currency, day, factor)`: reporting minor units per minor unit, per currency and day. */
export function fxCte(scope: Scope, from: string, to: string): RawBuilder<unknown> {
  const rows = scope.fx.daily(from, to);
  return sql`fx as materialized (select * from jsonb_to_recordset(${jsonParam(rows)}) as f(currency text, day date, factor numeric))`;
}

/** The first and last day whose rates a computation over the scope's periods may need. */
export function fxRange(scope: Scope): [string, string] {
  const first = addDays(scope.periods[0].start, -1);
  return [first, scope.periods[scope.periods.length - 1].end];
}

/** The filter value that selects records with no value for the dimension (the null group). */
export const NO_GROUP = "(none)";

/** The group expression, its joins and the filter conditions of an entity's rows. */
export function slicing(scope: Scope, entity: Entity) {
  const joins: RawBuilder<unknown>[] = [];
  let group: RawBuilder<unknown> = sql`null::text`;
  if (scope.by) {
    const d = dimensionSql(entity, scope.by, "g");
    joins.push(...d.joins);
    group = sql`(${d.expr})::text`;
  }
  const conditions: RawBuilder<unknown>[] = [];
  scope.filters.forEach((f, i) => {
    const d = dimensionSql(entity, f.dim, `f${i}`);
    joins.push(...d.joins);
    const named = f.values.filter((v) => v !== NO_GROUP);
    const alternatives = [
      ...(named.length ? [sql`(${d.expr})::text in (${sql.join(named)})`] : []),
      ...(named.length < f.values.length ? [sql`(${d.expr}) is null`] : []),
    ];
    conditions.push(sql`(${sql.join(alternatives, sql` or `)})`);
  });
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  return { group, joins: joins.length ? sql.join(joins, sql` `) : sql``, where };
}

/** Reads numeric columns of a core query's rows. */
export function toCoreRows(rows: Array<Record<string, unknown>>): CoreRow[] {
  return rows.map(({ period, grp, ...rest }) => {
    const values: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(rest)) values[k] = v === null || v === undefined ? null : Number(v);
    return { period: period as string, grp: (grp as string | null) ?? null, values };
  });
}
