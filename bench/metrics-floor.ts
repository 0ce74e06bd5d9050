// The floor for bench/metrics.bench.ts: the executive dashboard's numbers (MRR movements, NRR,
// churn, win rate, bookings, pipeline created, open pipeline, CAC — per month and segment)
// written by hand as the fewest, tightest SQL statements we could, for a UTC workspace
// reporting in USD with the default settings. No registry, no settings, no generality.
import { sql } from "kysely";
import type { Db } from "../src/db/types.ts";

export interface FloorRow {
  month: string;
  segment: string | null;
  values: Record<string, number>;
}

/** Months as [start, next start) in UTC, from the month before `from` (previous values) to `to`. */
function monthsSql(from: string, months: number) {
  return sql`months as materialized (
    select i, to_char(m, 'YYYY-MM') as month, m::timestamp at time zone 'UTC' as start_at,
      (m + interval '1 month')::timestamp at time zone 'UTC' as end_at, (m + interval '1 month')::date - 1 as last_day
    from generate_series(0, ${months}) i, lateral (select (${from}::date - interval '1 month') + make_interval(months => i) as m) x)`;
}

/** Rate to USD of each currency on each day of the range: latest on or before, else the first. */
function ratesSql(ws: string, from: string, to: string) {
  return sql`rates as materialized (
    select c.currency, d::date as day, coalesce(
      (select r.rate from fx_rates r where r.workspace_id = ${ws} and r.base_currency = c.currency and r.quote_currency = 'USD'
        and r.rate_date <= d::date order by r.rate_date desc limit 1),
      (select r.rate from fx_rates r where r.workspace_id = ${ws} and r.base_currency = c.currency and r.quote_currency = 'USD'
        order by r.rate_date limit 1)) as f
    from (select distinct base_currency as currency from fx_rates where workspace_id = ${ws} and quote_currency = 'USD') c,
      generate_series(${from}::date - interval '1 month' - interval '1 day', ${to}::date, interval '1 day') d
    union all
    select 'USD', d::date, 1 from generate_series(${from}::date - interval '1 month' - interval '1 day', ${to}::date, interval '1 day') d)`;
}

async function rows(db: Db, query: ReturnType<typeof sql>): Promise<FloorRow[]> {
  const result = await db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    await sql`set local work_mem = '64MB'`.execute(tx);
    return (await query.execute(tx)).rows as Array<Record<string, unknown>>;
  });
  return result.map(({ month, segment, ...rest }) => ({
    month: month as string,
    segment: segment as string | null,
    values: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === null ? 0 : Number(v)])),
  }));
}

/** MRR at each month start and the movements between them, per account, summed by segment. */
function mrrFloor(db: Db, ws: string, from: string, to: string, months: number, now: Date) {
  return rows(
    db,
    sql`with ${monthsSql(from, months)}, ${ratesSql(ws, from, to)},
    inst as (select i, least(start_at, ${now}::timestamptz) as at, least(start_at::date - 1, ${now}::date) as day from months
      union all select ${months + 1}, least(max(end_at), ${now}::timestamptz), least(max(last_day), ${now}::date) from months),
    v as (
      select s.account_id, v.currency, v.mrr_minor, v.effective_at as valid_from,
        lead(v.effective_at) over (partition by v.subscription_id order by v.effective_at, v.created_at, v.id) as valid_to, v.status
      from subscription_versions v join subscriptions s on s.workspace_id = v.workspace_id and s.id = v.subscription_id
      where v.workspace_id = ${ws}),
    paying as materialized (select * from v where status in ('active', 'past_due') and (valid_to is null or valid_to > valid_from)),
    acct as (
      select e.i, p.account_id, sum(p.mrr_minor * r.f) as rep, sum(p.mrr_minor * rn.f) as nxt
      from inst e join paying p on p.valid_from < e.at and (p.valid_to is null or p.valid_to >= e.at)
      join rates r on r.currency = p.currency and r.day = e.day
      join inst e2 on e2.i = e.i + 1 or (e.i = ${months + 1} and e2.i = e.i)
      join rates rn on rn.currency = p.currency and rn.day = e2.day
      group by 1, 2),
    seq as (select acct.*, lag(i) over w as prev_i, lead(i) over w as next_i, lead(rep) over w as next_rep
      from acct window w as (partition by account_id order by i)),
    mv as (
      select i as k, account_id, true as was, coalesce(next_i = i + 1, false) as is_now, nxt as start_cc, rep as start_rep,
        case when next_i = i + 1 then next_rep else 0 end as end_rep from seq where i <= ${months}
      union all
      select i - 1, account_id, false, true, 0, 0, rep from seq where i >= 1 and (prev_i is null or prev_i <> i - 1)),
    firsts as (select account_id, min(valid_from) as first_at from paying group by account_id)
    select m.month, a.segment,
      sum(mv.end_rep) as end_mrr, sum(mv.start_cc) as start_mrr_cc,
      count(*) filter (where mv.was) as customers_start,
      sum(mv.end_rep) filter (where not mv.was and f.first_at >= e.at) as new_mrr,
      count(*) filter (where not mv.was and f.first_at >= e.at) as new_customers,
      sum(mv.end_rep) filter (where not mv.was and f.first_at < e.at) as reactivation_mrr,
      sum(mv.end_rep - mv.start_cc) filter (where mv.was and mv.is_now and mv.end_rep > mv.start_cc) as expansion_mrr,
      sum(mv.start_cc - mv.end_rep) filter (where mv.was and mv.is_now and mv.end_rep < mv.start_cc) as contraction_mrr,
      sum(mv.start_cc) filter (where mv.was and not mv.is_now) as churned_mrr,
      count(*) filter (where mv.was and not mv.is_now) as churned_customers
    from mv join months m on m.i = mv.k join inst e on e.i = mv.k
    join accounts a on a.workspace_id = ${ws} and a.id = mv.account_id
    left join firsts f on f.account_id = mv.account_id
    group by 1, 2`,
  );
}

/** Deals won and lost per month (by closed_at) and deals opened (at their first amount). */
function dealsFloor(db: Db, ws: string, from: string, to: string, months: number) {
  return rows(
    db,
    sql`with ${monthsSql(from, months)}, ${ratesSql(ws, from, to)},
    closed as (
      select to_char(o.closed_at at time zone 'UTC', 'YYYY-MM') as month, a.segment,
        count(*) filter (where o.status = 'won') as won_count, count(*) filter (where o.status = 'lost') as lost_count,
        sum(o.amount_minor * r.f) filter (where o.status = 'won') as won_amount
      from opportunities o left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
      join rates r on r.currency = o.currency and r.day = (o.closed_at at time zone 'UTC')::date
      where o.workspace_id = ${ws} and o.status in ('won', 'lost')
        and o.closed_at >= (select min(start_at) from months) and o.closed_at < (select max(end_at) from months)
      group by 1, 2),
    opened as (
      select to_char(o.opened_at at time zone 'UTC', 'YYYY-MM') as month, a.segment,
        sum(coalesce((select h.amount_minor from opportunity_stage_history h where h.workspace_id = o.workspace_id
          and h.opportunity_id = o.id order by h.changed_at, h.id limit 1), o.amount_minor) * r.f) as created_amount
      from opportunities o left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
      join rates r on r.currency = o.currency and r.day = (o.opened_at at time zone 'UTC')::date
      where o.workspace_id = ${ws}
        and o.opened_at >= (select min(start_at) from months) and o.opened_at < (select max(end_at) from months)
      group by 1, 2)
    select coalesce(c.month, p.month) as month, coalesce(c.segment, p.segment) as segment,
      c.won_count, c.lost_count, c.won_amount, p.created_amount
    from closed c full join opened p on p.month = c.month and p.segment is not distinct from c.segment`,
  );
}

/** Value of deals open at each month end, per their stage history then. */
function openPipelineFloor(db: Db, ws: string, from: string, to: string, months: number, now: Date) {
  return rows(
    db,
    sql`with ${monthsSql(from, months)}, ${ratesSql(ws, from, to)},
    ends as (select month, least(end_at, ${now}::timestamptz) as at, least(last_day, ${now}::date) as day from months)
    select e.month, a.segment, sum(coalesce(h.amount_minor, o.amount_minor) * r.f) as open_amount
    from ends e
    join opportunities o on o.workspace_id = ${ws} and o.opened_at < e.at and (o.closed_at is null or o.closed_at >= e.at)
    cross join lateral (select h.to_stage, h.amount_minor, h.currency from opportunity_stage_history h
      where h.workspace_id = o.workspace_id and h.opportunity_id = o.id and h.changed_at < e.at
      order by h.changed_at desc, h.id desc limit 1) h
    join rates r on r.currency = coalesce(h.currency, o.currency) and r.day = e.day
    left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
    where not (h.to_stage ~* 'closed[[:space:]_-]*(won|lost)' or h.to_stage ~* '^(won|lost)$')
    group by 1, 2`,
  );
}

/** Sales and marketing costs per month (CAC's numerator; its denominator is new customers). */
function costsFloor(db: Db, ws: string, from: string, to: string, months: number) {
  return rows(
    db,
    sql`with ${monthsSql(from, months)}, ${ratesSql(ws, from, to)}
    select to_char(c.incurred_on, 'YYYY-MM') as month, null::text as segment, sum(c.amount_minor * r.f) as cac_spend
    from costs c join rates r on r.currency = c.currency and r.day = c.incurred_on
    where c.workspace_id = ${ws} and c.category <> 'other'
      and c.incurred_on >= (select min(start_at)::date from months) and c.incurred_on < (select max(end_at)::date from months)
    group by 1`,
  );
}

/** Every statement of the floor, side by side (as the engine runs its queries on PostgreSQL). */
export async function executiveFloor(db: Db, ws: string, from: string, to: string, now: Date) {
  const months = Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (30.44 * 86_400_000),
  );
  const [mrr, deals, open, costs] = await Promise.all([
    mrrFloor(db, ws, from, to, months, now),
    dealsFloor(db, ws, from, to, months),
    openPipelineFloor(db, ws, from, to, months, now),
    costsFloor(db, ws, from, to, months),
  ]);
  return { mrr, deals, open, costs };
}
