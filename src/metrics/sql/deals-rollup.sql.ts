import { sql } from "kysely";
import type { Db, Tx } from "../../db/types.ts";
import { eventRowsSql } from "./events.sql.ts";
import {
  ACCOUNT_SUMMARY,
  type SummaryDimensions,
  summarySlices,
  summarySlicing,
  usesDimension,
} from "./rollup-slicing.ts";
import { runAnalytic } from "./run.ts";
import { type CoreRow, jsonParam, periodsCte, type Scope, toCoreRows } from "./scope.ts";

/**
 * The monthly deals pre-aggregate (`metric_deal_months`, kept by src/metrics/rollups.ts): the
 * live closed-deals and created-deals aggregates, written per month, account segment and region,
 * and again per owner, so any KPI reading them sliced by those dimensions (or team, the owner's)
 * adds a few rows per month instead of converting every deal.
 */

/** The columns of each live core the pre-aggregate holds (the rest of a core's values stay live). */
export const DEAL_ROLLUP_VALUES = {
  closed: [
    "won_count",
    "lost_count",
    "won_amount",
    "lost_amount",
    "cycle_days_sum",
    "renewals_won",
    "renewals_lost",
  ],
  created: ["created_count", "created_amount"],
} as const;
export type DealEvents = keyof typeof DEAL_ROLLUP_VALUES;

/** The dimensions the pre-aggregate keeps, as SQL over its row `r` (and the owner's user `u`). */
const ROLLUP_DIMENSIONS: SummaryDimensions = {
  ...ACCOUNT_SUMMARY,
  owner: sql`r.owner_id`,
  team: sql`u.team_id`,
};

/** Whether the pre-aggregate can slice and filter as the scope asks. */
export const dealRollupSlices = (scope: Scope): boolean => summarySlices(scope, ROLLUP_DIMENSIONS);

/**
 * Inserts the rows of `scope.periods` (whole months): the live queries' own aggregates, grouped
 * by month, segment and region, and by owner too.
 */
export async function buildDealMonths(
  tx: Tx,
  scope: Scope,
  queries: Record<DealEvents, Parameters<typeof eventRowsSql>[1]>,
): Promise<void> {
  const months = scope.periods.map((p) => ({ key: p.key, month: p.start }));
  const dims = sql`grouping(o.owner_id) = 0 as by_owner, a.segment, a.region, o.owner_id`;
  const groups = sql`group by grouping sets ((d.key, a.segment, a.region), (d.key, a.segment, a.region, o.owner_id))`;
  for (const events of ["closed", "created"] as const) {
    const columns = DEAL_ROLLUP_VALUES[events];
    const q = queries[events];
    await sql`insert into metric_deal_months (workspace_id, month, by_owner, segment, region, owner_id, ${sql.join(columns.map((c) => sql.ref(c)))})
      select ${scope.ws.id}, m.month, x.by_owner, x.segment, x.region, x.owner_id, ${sql.join(columns.map((c) => sql.ref(`x.${c}`)))}
      from (${eventRowsSql({ ...scope, by: undefined, filters: [] }, q, sql`${dims}, ${q.select}`, groups)}) x
      join jsonb_to_recordset(${jsonParam(months)}) as m(key text, month date) on m.key = x.period`.execute(
      tx,
    );
  }
}

/** The scope's periods (whole months, quarters or years) summed from the pre-aggregate. */
export async function dealsFromRollup(db: Db, scope: Scope, events: DealEvents): Promise<CoreRow[]> {
  const team = usesDimension(scope, "team");
  const byOwner = team || usesDimension(scope, "owner");
  const { group, where } = summarySlicing(scope, ROLLUP_DIMENSIONS);
  const columns = DEAL_ROLLUP_VALUES[events];
  const counted = events === "closed" ? sql`sum(r.won_count + r.lost_count)` : sql`sum(r.created_count)`;
  const first = scope.periods[0].start;
  const last = scope.periods[scope.periods.length - 1].end;
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`with ${periodsCte(scope)}
    select per.key as period, ${group} as grp,
      ${sql.join(columns.map((c) => sql`sum(${sql.ref(`r.${c}`)}) as ${sql.ref(c)}`))}, 0 as fx_missing
    from metric_deal_months r
    join periods per on r.month between per.start_date and per.end_date
    ${team ? sql`left join users u on u.workspace_id = r.workspace_id and u.id = r.owner_id` : sql``}
    where r.workspace_id = ${scope.ws.id} and r.by_owner = ${byOwner}
      and r.month between ${first}::date and ${last}::date and ${where}
    group by 1, 2
    having ${counted} > 0`,
  );
  return toCoreRows(rows);
}
