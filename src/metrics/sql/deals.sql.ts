import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { addDays, earlierDate } from "../periods.ts";
import { dealRollupPeriods, pipelineRollupCovers } from "../rollups.ts";
import { type DealEvents, dealRollupSlices, dealsFromRollup } from "./deals-rollup.sql.ts";
import { type EventQuery, eventCore } from "./events.sql.ts";
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

const OPPORTUNITIES = sql`from opportunities o
  left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id`;
const inWorkspace = (scope: Scope) => sql`o.workspace_id = ${scope.ws.id}`;

/** A stage name that closes a deal, as the write path reads it (`closed won`, `Won`, `closed-lost`…). */
export const closedStage = (stage: RawBuilder<unknown>) =>
  sql`(${stage} ~* 'closed[[:space:]_-]*(won|lost)' or ${stage} ~* '^(won|lost)$')`;

/**
 * Deals closed in each period by their final outcome (`status`, `closed_at`): a deal lost and
 * later reopened counts once, when and how it finally closed.
 */
export function closedDealsQuery(scope: Scope): EventQuery {
  return {
    entity: "opportunity",
    from: OPPORTUNITIES,
    at: sql`o.closed_at`,
    currency: sql`o.currency`,
    where: sql`${inWorkspace(scope)} and o.status in ('won', 'lost')`,
    select: sql`count(*) filter (where o.status = 'won') as won_count,
      count(*) filter (where o.status = 'lost') as lost_count,
      coalesce(sum(o.amount_minor * f.factor) filter (where o.status = 'won'), 0) as won_amount,
      coalesce(sum(o.amount_minor * f.factor) filter (where o.status = 'lost'), 0) as lost_amount,
      coalesce(sum(extract(epoch from o.closed_at - o.opened_at) / 86400) filter (where o.status = 'won'), 0) as cycle_days_sum,
      count(*) filter (where o.status = 'won' and o.type = 'renewal') as renewals_won,
      count(*) filter (where o.status = 'lost' and o.type = 'renewal') as renewals_lost`,
  };
}

/**
 * A deals core: its whole complete months (and quarters, years) from the monthly deals
 * pre-aggregate when it holds the slicing asked for, the rest (the month under way) live.
 */
async function dealsCore(
  db: Db,
  scope: Scope,
  events: DealEvents,
  live: (scope: Scope) => Promise<CoreRow[]>,
): Promise<CoreRow[]> {
  const n = dealRollupSlices(scope) ? await dealRollupPeriods(db, scope) : 0;
  if (n === 0) return live(scope);
  const rest = scope.periods.slice(n);
  const [done, current] = await Promise.all([
    dealsFromRollup(db, { ...scope, periods: scope.periods.slice(0, n) }, events),
    rest.length ? live({ ...scope, periods: rest }) : [],
  ]);
  return [...done, ...current];
}

export const closedDealsCore = (db: Db, scope: Scope) =>
  dealsCore(db, scope, "closed", (s) => eventCore(db, s, closedDealsQuery(s)));

/** Won deals with the days from the account's first touchpoint (at or before the win) to the win. */
export function firstTouchQuery(scope: Scope): EventQuery {
  return {
    entity: "opportunity",
    from: sql`from opportunities o
      left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
      cross join lateral (select min(tp.occurred_at) as first_touch from touchpoints tp
        where tp.workspace_id = o.workspace_id and tp.account_id = o.account_id and tp.occurred_at <= o.closed_at) ft`,
    at: sql`o.closed_at`,
    where: sql`${inWorkspace(scope)} and o.status = 'won'`,
    select: sql`count(ft.first_touch) as touched_won_count,
      coalesce(sum(extract(epoch from o.closed_at - ft.first_touch) / 86400), 0) as touch_cycle_days_sum`,
  };
}

export const firstTouchCore = (db: Db, scope: Scope) => eventCore(db, scope, firstTouchQuery(scope));

/** Deals opened in each period and their amount when opened. */
export function createdDealsQuery(scope: Scope): EventQuery {
  return {
    entity: "opportunity",
    from: OPPORTUNITIES,
    at: sql`o.opened_at`,
    currency: sql`o.currency`,
    where: inWorkspace(scope),
    select: sql`count(*) as created_count,
      coalesce(sum(coalesce(h0.amount_minor, o.amount_minor) * f.factor), 0) as created_amount`,
  };
}

/** Deals opened in each period with the amount they opened at: their first stage-history row's. */
export function createdDealsAmountQuery(scope: Scope): EventQuery {
  const q = createdDealsQuery(scope);
  q.from = sql`${q.from}
    left join lateral (select h.amount_minor from opportunity_stage_history h
      where h.workspace_id = o.workspace_id and h.opportunity_id = o.id order by h.changed_at, h.id limit 1) h0 on true`;
  return q;
}

export const createdDealsCore = (db: Db, scope: Scope) =>
  dealsCore(db, scope, "created", (s) => eventCore(db, s, createdDealsAmountQuery(s)));

/**
 * Deals open at an instant of each period, as the stage history had them then: the latest
 * history row before the instant gives the stage, amount, currency and close date. `start`
 * reads them at the period's start (pipeline coverage), `end` at its end (velocity); both are
 * capped at now.
 */
/**
 * `open_state(idx, rate_day, at, id, to_stage, amount_minor, currency, close_date)`: deals open
 * at each instant of `points(idx, rate_day, at)` as the stage history had them: the latest history
 * row before the instant gives the stage, amount, currency and close date.
 */
export function openStateCte(workspaceId: string, only?: string[]): RawBuilder<unknown> {
  return sql`open_state as (
    select pt.idx, pt.rate_day, pt.at, o.id, h.to_stage, coalesce(h.amount_minor, o.amount_minor) as amount_minor,
      coalesce(h.currency, o.currency) as currency, coalesce(h.close_date, o.close_date) as close_date
    from points pt
    join opportunities o on o.workspace_id = ${workspaceId} and o.opened_at < pt.at
      and (o.closed_at is null or o.closed_at >= pt.at)
      ${only ? sql`and o.id in (select jsonb_array_elements_text(${jsonParam(only)}))` : sql``}
    cross join lateral (select h.to_stage, h.amount_minor, h.currency, h.close_date
      from opportunity_stage_history h
      where h.workspace_id = o.workspace_id and h.opportunity_id = o.id and h.changed_at < pt.at
      order by h.changed_at desc, h.id desc limit 1) h
    where not ${closedStage(sql`h.to_stage`)})`;
}

/**
 * The instant of each period the pipeline is read at (its start or the start of the next day
 * after it), the day whose rates convert it, and the month-end pre-aggregate's month holding it.
 */
function pipelinePoints(scope: Scope, at: "start" | "end") {
  return scope.periods.map((p, idx) => {
    const day = at === "start" ? p.start : addDays(p.end, 1);
    const rateDay = addDays(day, -1);
    return { idx, d: day, rate_day: earlierDate(rateDay, scope.today), month: `${rateDay.slice(0, 7)}-01` };
  });
}

/**
 * Deals open at an instant of each period: `start` reads them at the period's start (pipeline
 * coverage), `end` at its end (open pipeline, velocity); both are capped at now. With
 * `fromRollup` the states come from the monthly pre-aggregate (month ends) instead.
 */
export function pipelineAsOfSql(
  scope: Scope,
  at: "start" | "end",
  select: RawBuilder<unknown>,
  tail = sql``,
  fromRollup = false,
) {
  const { group, joins, where } = slicing(scope, "opportunity");
  const [fxFrom, fxTo] = fxRange(scope);
  const points = pipelinePoints(scope, at);
  const tz = scope.ws.timezone;
  const state = fromRollup
    ? sql`open_state as (
        select pt.idx, pt.rate_day, pt.at, d.opportunity_id as id, d.stage as to_stage, d.amount_minor, d.currency, d.close_date
        from points pt join metric_open_deals d on d.workspace_id = ${scope.ws.id} and d.month = pt.month)`
    : openStateCte(scope.ws.id);
  return sql`with ${periodsCte(scope)}, ${fxCte(scope, fxFrom, fxTo)},
  points as (
    select x.idx, x.rate_day, x.month, least(x.d::timestamp at time zone ${tz}, ${scope.now}::timestamptz) as at
    from jsonb_to_recordset(${jsonParam(points)}) as x(idx int, d date, rate_day date, month date)),
  ${state}
  select per.key as period, ${group} as grp, ${select}
  from open_state s
  join periods per on per.idx = s.idx
  join opportunities o on o.workspace_id = ${scope.ws.id} and o.id = s.id
  left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
  left join fx f on f.currency = s.currency and f.day = s.rate_day
  ${joins}
  where ${where}
  ${tail}`;
}

export async function pipelineAsOfCore(db: Db, scope: Scope, at: "start" | "end"): Promise<CoreRow[]> {
  const unqualified = scope.ws.settings.unqualified_stages;
  const prefix = at === "start" ? "start" : "end";
  const select = sql`count(*) as ${sql.raw(`${prefix}_open_count`)},
    count(*) filter (where ${unqualified.length ? sql`s.to_stage not in (${sql.join(unqualified)})` : sql`true`}) as ${sql.raw(`${prefix}_qualified_count`)},
    coalesce(sum(s.amount_minor * f.factor), 0) as ${sql.raw(`${prefix}_open_amount`)},
    coalesce(sum(s.amount_minor * f.factor) filter (where s.close_date between per.start_date and per.end_date), 0)
      as ${sql.raw(`${prefix}_closing_amount`)},
    case when bool_or(f.factor is null) then 1 else 0 end as fx_missing`;
  const fromRollup = await pipelineRollupCovers(db, scope);
  if (fromRollup && summarySlices(scope, ACCOUNT_SUMMARY)) return pipelineFromSummary(db, scope, at);
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`${pipelineAsOfSql(scope, at, select, sql`group by 1, 2`, fromRollup)}`,
  );
  return toCoreRows(rows);
}

/**
 * The same aggregates from the summary of the month-end pre-aggregate (open deals per month,
 * segment, region, stage and currency), when sliced by segment or region (or not at all). Read
 * at a month's start, a deal closing in that month was due in the month after the one it was open at the end of.
 */
async function pipelineFromSummary(db: Db, scope: Scope, at: "start" | "end"): Promise<CoreRow[]> {
  const { group, where } = summarySlicing(scope, ACCOUNT_SUMMARY);
  const [fxFrom, fxTo] = fxRange(scope);
  const unqualified = scope.ws.settings.unqualified_stages;
  const prefix = at === "start" ? "start" : "end";
  const closing = at === "start" ? sql`r.next_closing_amount_minor` : sql`r.closing_amount_minor`;
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`with ${periodsCte(scope)}, ${fxCte(scope, fxFrom, fxTo)},
    points as (select * from jsonb_to_recordset(${jsonParam(pipelinePoints(scope, at))}) as x(idx int, rate_day date, month date))
    select per.key as period, ${group} as grp,
      sum(r.deals) as ${sql.raw(`${prefix}_open_count`)},
      coalesce(sum(r.deals) filter (where ${unqualified.length ? sql`r.stage not in (${sql.join(unqualified)})` : sql`true`}), 0)
        as ${sql.raw(`${prefix}_qualified_count`)},
      coalesce(sum(r.amount_minor * f.factor), 0) as ${sql.raw(`${prefix}_open_amount`)},
      coalesce(sum(${closing} * f.factor), 0) as ${sql.raw(`${prefix}_closing_amount`)},
      case when bool_or(f.factor is null) then 1 else 0 end as fx_missing
    from points pt
    join periods per on per.idx = pt.idx
    join metric_open_deal_months r on r.workspace_id = ${scope.ws.id} and r.month = pt.month
    left join fx f on f.currency = r.currency and f.day = pt.rate_day
    where ${where}
    group by 1, 2
    having sum(r.deals) > 0`,
  );
  return toCoreRows(rows);
}
