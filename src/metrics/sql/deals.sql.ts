import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { addDays, earlierDate } from "../periods.ts";
import { pipelineRollupCovers } from "../rollups.ts";
import { type EventQuery, eventCore } from "./events.sql.ts";
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

export const closedDealsCore = (db: Db, scope: Scope) => eventCore(db, scope, closedDealsQuery(scope));

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

export async function createdDealsCore(db: Db, scope: Scope): Promise<CoreRow[]> {
  const q = createdDealsQuery(scope);
  // The amount when the deal was opened: its first stage-history row.
  q.from = sql`${q.from}
    left join lateral (select h.amount_minor from opportunity_stage_history h
      where h.workspace_id = o.workspace_id and h.opportunity_id = o.id order by h.changed_at, h.id limit 1) h0 on true`;
  return eventCore(db, scope, q);
}

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
export function openStateCte(workspaceId: string): RawBuilder<unknown> {
  return sql`open_state as (
    select pt.idx, pt.rate_day, pt.at, o.id, h.to_stage, coalesce(h.amount_minor, o.amount_minor) as amount_minor,
      coalesce(h.currency, o.currency) as currency, coalesce(h.close_date, o.close_date) as close_date
    from points pt
    join opportunities o on o.workspace_id = ${workspaceId} and o.opened_at < pt.at
      and (o.closed_at is null or o.closed_at >= pt.at)
    cross join lateral (select h.to_stage, h.amount_minor, h.currency, h.close_date
      from opportunity_stage_history h
      where h.workspace_id = o.workspace_id and h.opportunity_id = o.id and h.changed_at < pt.at
      order by h.changed_at desc, h.id desc limit 1) h
    where not ${closedStage(sql`h.to_stage`)})`;
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
  const points = scope.periods.map((p, idx) => {
    const day = at === "start" ? p.start : addDays(p.end, 1);
    const rateDay = addDays(day, -1);
    return {
      idx,
      d: day,
      rate_day: earlierDate(rateDay, scope.today),
      month: `${rateDay.slice(0, 7)}-01`,
    };
  });
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
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`${pipelineAsOfSql(scope, at, select, sql`group by 1, 2`, fromRollup)}`,
  );
  return toCoreRows(rows);
}
