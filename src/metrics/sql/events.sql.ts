import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import type { Entity } from "./dimensions.ts";
import { runAnalytic } from "./run.ts";
import {
  type CoreRow,
  daysCte,
  fxCte,
  fxRange,
  periodsCte,
  type Scope,
  slicing,
  toCoreRows,
} from "./scope.ts";

export interface EventQuery {
  entity: Entity;
  /** `from … join …`: the rows counted, aliased as the entity expects (a = their account). */
  from: RawBuilder<unknown>;
  /** The timestamp (or, with `isDate`, the local date) that places a row in a period. */
  at: RawBuilder<unknown>;
  isDate?: boolean;
  /** The currency column of money amounts; `f.factor` converts them on the row's local day. */
  currency?: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  /** Aggregates over the rows of one period and group. */
  select: RawBuilder<unknown>;
}

/** Row-level SQL of events bucketed into the scope's periods (local days in the workspace time zone). */
export function eventRowsSql(scope: Scope, q: EventQuery, select: RawBuilder<unknown>, tail = sql``) {
  const { group, joins, where } = slicing(scope, q.entity);
  const [fxFrom, fxTo] = fxRange(scope);
  const tz = scope.ws.timezone;
  const day = q.isDate ? q.at : sql`(${q.at} at time zone ${tz})::date`;
  const first = scope.periods[0].start;
  const last = scope.periods[scope.periods.length - 1].end;
  // Literal bounds (not subqueries) so the planner can estimate how many rows fall inside.
  const range = q.isDate
    ? sql`${q.at} between ${first}::date and ${last}::date`
    : sql`${q.at} >= (${first}::date::timestamp at time zone ${tz}) and ${q.at} < ((${last}::date + 1)::timestamp at time zone ${tz})`;
  return sql`with ${periodsCte(scope)}, ${daysCte}, ${fxCte(scope, fxFrom, fxTo)}
  select d.key as period, ${group} as grp, ${select}
  ${q.from}
  join days d on d.day = ${day}
  ${q.currency ? sql`left join fx f on f.currency = ${q.currency} and f.day = d.day` : sql``}
  ${joins}
  where ${range} and ${q.where} and ${where}
  ${tail}`;
}

export async function eventCore(db: Db, scope: Scope, q: EventQuery): Promise<CoreRow[]> {
  const fxMissing = q.currency
    ? sql`, case when bool_or(f.factor is null) then 1 else 0 end as fx_missing`
    : sql``;
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`${eventRowsSql(scope, q, sql`${q.select}${fxMissing}`, sql`group by 1, 2`)}`,
  );
  return toCoreRows(rows);
}
