import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { addDays, earlierDate } from "../periods.ts";
import { mrrRollupCovers } from "../rollups.ts";
import { segmentsSource } from "./mrr-segments.sql.ts";
import { ACCOUNT_SUMMARY, summarySlices, summarySlicing } from "./rollup-slicing.ts";
import { runAnalytic } from "./run.ts";
import {
  type CoreRow,
  fxCte,
  fxRange,
  jsonParam,
  periodsCte,
  type Scope,
  slicing,
  toCoreRows,
} from "./scope.ts";

/**
 * The instants MRR is read at: the start of the first period, then the end of each period,
 * capped at now (a period still running is read as it stands). Each carries the local date
 * whose FX rate converts it: the last day before the instant, or today.
 */
export function instants(
  scope: Scope,
): Array<{ i: number; d: string; rate_day: string; next_rate_day: string }> {
  const dates = [scope.periods[0].start, ...scope.periods.map((p) => addDays(p.end, 1))];
  const rateDays = dates.map((d) => {
    const day = addDays(d, -1);
    return earlierDate(day, scope.today);
  });
  return dates.map((d, i) => ({
    i,
    d,
    rate_day: rateDays[i],
    next_rate_day: rateDays[Math.min(i + 1, dates.length - 1)],
  }));
}

/**
 * Per account and period k (between instants k and k+1): whether it was a customer at each
 * end, its MRR at the start (at the start's rate, and revalued at the end's rate so currency
 * moves are not read as expansion), its MRR at the end, and the movement that took it there.
 * A customer is an account with at least one subscription in a counting status in force.
 * `seq` lists each account's customer instants in order, so a period's start and end are one
 * row and the next: consecutive instants continue, a gap after is churn, a gap before is new
 * or reactivation. `only` limits it to those accounts (a partial rebuild of the pre-aggregate).
 */
export function mrrMovementsSql(scope: Scope, only?: string[]): RawBuilder<unknown> {
  const s = scope.ws.settings;
  const n = scope.periods.length;
  const [fxFrom, fxTo] = fxRange(scope);
  const window = s.reactivation_window_months;
  const sliced = isSliced(scope);
  const accounts = only
    ? sql`acct_dim as materialized (select x as account_id, null::text as grp from jsonb_array_elements_text(${jsonParam(only)}) x),`
    : sliced
      ? sql`${accountDimCte(scope)},`
      : sql``;
  return sql`with ${periodsCte(scope)},
  ${accounts}
  ${segmentsSource(scope, sliced || only ? sql`acct_dim` : undefined)},
  ${fxCte(scope, fxFrom, fxTo)},
  instants as (
    select x.i, x.rate_day, x.next_rate_day,
      least(x.d::timestamp at time zone ${scope.ws.timezone}, ${scope.now}::timestamptz) as at
    from jsonb_to_recordset(${jsonParam(instants(scope))}) as x(i int, d date, rate_day date, next_rate_day date)),
  acct as (
    select i.i, s.account_id,
      sum(s.mrr_minor * f.factor) as rep,
      sum(s.mrr_minor * fn.factor) as at_next,
      bool_or(f.factor is null or fn.factor is null) as fx_missing
    from instants i
    join segs s on s.valid_from < i.at and (s.valid_to is null or s.valid_to >= i.at) and s.counts_until >= i.at
    left join fx f on f.currency = s.currency and f.day = i.rate_day
    left join fx fn on fn.currency = s.currency and fn.day = i.next_rate_day
    group by i.i, s.account_id),
  seq as (
    select acct.*, lag(i) over w as prev_i, lead(i) over w as next_i, lead(rep) over w as next_rep
    from acct window w as (partition by account_id order by i)),
  pair as (
    select i as k, account_id, true as was, coalesce(next_i = i + 1, false) as is_now, at_next as start_cc, rep as start_rep,
      case when next_i = i + 1 then next_rep else 0 end as end_rep, fx_missing
    from seq where i < ${n}
    union all
    select i - 1, account_id, false, true, 0, 0, rep, fx_missing
    from seq where i >= 1 and (prev_i is null or prev_i <> i - 1)),
  returned as (
    select p.k, p.account_id, max(least(coalesce(r.valid_to, 'infinity'), r.counts_until)) as last_until
    from pair p
    join instants ik on ik.i = p.k
    join segs r on r.account_id = p.account_id and r.valid_from < ik.at and r.counts_until is not null
      and least(coalesce(r.valid_to, 'infinity'), r.counts_until) > r.valid_from
    where not p.was and p.is_now
    group by p.k, p.account_id),
  mv as (
    select p.*, ik.at as start_at,
      case
        when p.was and p.is_now then
          case when p.end_rep > p.start_cc then 'expansion' when p.end_rep < p.start_cc then 'contraction' else 'flat' end
        when p.was then 'churn'
        when r.last_until is not null ${
          window === null ? sql`` : sql`and r.last_until > ik.at - ${`${window} months`}::interval`
        } then 'reactivation'
        else 'new'
      end as kind
    from pair p
    join instants ik on ik.i = p.k
    left join returned r on r.k = p.k and r.account_id = p.account_id)`;
}

/** Sums over `mv` rows of one period and group: the figures every MRR KPI is computed from. */
export const MOVEMENT_AGGREGATES = sql`sum(mv.start_rep) as start_mrr, sum(mv.start_cc) as start_mrr_cc, sum(mv.end_rep) as end_mrr,
    count(*) filter (where mv.was) as customers_start,
    count(*) filter (where mv.is_now) as customers_end,
    coalesce(sum(mv.end_rep) filter (where mv.kind = 'new'), 0) as new_mrr,
    count(*) filter (where mv.kind = 'new') as new_customers,
    coalesce(sum(mv.end_rep - mv.start_cc) filter (where mv.kind = 'expansion'), 0) as expansion_mrr,
    count(*) filter (where mv.kind = 'expansion') as expanded_customers,
    coalesce(sum(mv.start_cc - mv.end_rep) filter (where mv.kind = 'contraction'), 0) as contraction_mrr,
    count(*) filter (where mv.kind = 'contraction') as contracted_customers,
    coalesce(sum(mv.start_cc) filter (where mv.kind = 'churn'), 0) as churned_mrr,
    count(*) filter (where mv.kind = 'churn') as churned_customers,
    coalesce(sum(mv.end_rep) filter (where mv.kind = 'reactivation'), 0) as reactivation_mrr,
    count(*) filter (where mv.kind = 'reactivation') as reactivated_customers`;

/** `acct_dim(account_id, grp)`: the accounts that pass the filters, with their group. */
export function accountDimCte(scope: Scope): RawBuilder<unknown> {
  const { group, joins, where } = slicing(scope, "account");
  return sql`acct_dim as materialized (
    select a.id as account_id, ${group} as grp from accounts a ${joins}
    where a.workspace_id = ${scope.ws.id} and ${where})`;
}

export const isSliced = (scope: Scope) => scope.by !== undefined || scope.filters.length > 0;

export async function mrrCore(db: Db, scope: Scope): Promise<CoreRow[]> {
  if (await mrrRollupCovers(db, scope)) {
    return summarySlices(scope, ACCOUNT_SUMMARY) ? mrrFromSummary(db, scope) : mrrFromRollup(db, scope);
  }
  const sliced = isSliced(scope);
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`${mrrMovementsSql(scope)}
  select per.key as period, ${sliced ? sql`d.grp` : sql`null::text`} as grp, ${MOVEMENT_AGGREGATES},
    case when bool_or(mv.fx_missing) then 1 else 0 end as fx_missing
  from mv
  join periods per on per.idx = mv.k
  ${sliced ? sql`join acct_dim d on d.account_id = mv.account_id` : sql``}
  group by 1, 2`,
  );
  return toCoreRows(rows);
}

/** The same aggregates from the monthly pre-aggregate (src/metrics/rollups.ts). */
async function mrrFromRollup(db: Db, scope: Scope): Promise<CoreRow[]> {
  const sliced = isSliced(scope);
  const first = scope.periods[0].start;
  const last = scope.periods[scope.periods.length - 1].start;
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`with ${periodsCte(scope)}
    ${sliced ? sql`, ${accountDimCte(scope)}` : sql``}
  select per.key as period, ${sliced ? sql`d.grp` : sql`null::text`} as grp, ${MOVEMENT_AGGREGATES}
  from metric_mrr_movements mv
  join periods per on per.start_date = mv.month
  ${sliced ? sql`join acct_dim d on d.account_id = mv.account_id` : sql``}
  where mv.workspace_id = ${scope.ws.id} and mv.month between ${first}::date and ${last}::date
  group by 1, 2`,
  );
  return toCoreRows(rows);
}

/** The columns of MOVEMENT_AGGREGATES, summed per month, segment and region in `metric_mrr_months`. */
export const MOVEMENT_SUMS = [
  "start_mrr",
  "start_mrr_cc",
  "end_mrr",
  "customers_start",
  "customers_end",
  "new_mrr",
  "new_customers",
  "expansion_mrr",
  "expanded_customers",
  "contraction_mrr",
  "contracted_customers",
  "churned_mrr",
  "churned_customers",
  "reactivation_mrr",
  "reactivated_customers",
];

/** The same aggregates from the pre-aggregate's summary, when sliced by segment or region (or not). */
async function mrrFromSummary(db: Db, scope: Scope): Promise<CoreRow[]> {
  const { group, where } = summarySlicing(scope, ACCOUNT_SUMMARY);
  const first = scope.periods[0].start;
  const last = scope.periods[scope.periods.length - 1].start;
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`with ${periodsCte(scope)}
  select per.key as period, ${group} as grp,
    ${sql.join(MOVEMENT_SUMS.map((c) => sql`sum(${sql.ref(`r.${c}`)}) as ${sql.ref(c)}`))}
  from metric_mrr_months r
  join periods per on per.start_date = r.month
  where r.workspace_id = ${scope.ws.id} and r.month between ${first}::date and ${last}::date and ${where}
  group by 1, 2
  having sum(r.movements) > 0`,
  );
  return toCoreRows(rows);
}
