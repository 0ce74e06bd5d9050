import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { fromMinor } from "../model/money.ts";
import { loadFxTable } from "./fx.ts";
import { addDays, isDate, todayIn } from "./periods.ts";
import { loadMetricWorkspace, type MetricWorkspace } from "./settings.ts";
import { closedStage } from "./sql/deals.sql.ts";
import { FUNNEL_STAGES } from "./sql/lifecycle.sql.ts";
import { runAnalytic } from "./sql/run.ts";
import { jsonParam } from "./sql/scope.ts";

export interface BottleneckQuery {
  from?: string;
  to?: string;
  /** Stalled: open longer than this many times the stage's median (default: setting stalled_factor). */
  factor?: number;
  limit?: number;
}

/** Order of a won stage: progress from every stage, and not a stage of its own in the tables. */
const WON = 1000;

/** Visits of one stage: `entered_at`, `left_at` (null while still there), what came next. */
function visitsSql(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`raw as (${source}),
  changes as (
    select subject_id, stage, at, lag(stage) over (partition by subject_id order by at, id) as prev from raw),
  visits as (
    select subject_id, stage, at as entered_at,
      lead(at) over (partition by subject_id order by at) as left_at
    from changes where prev is distinct from stage)`;
}

interface StalledRow {
  id: string;
  name: string;
  stage: string;
  entered_at: Date;
  days_in_stage: number;
  median_days: number;
  ratio: number;
  amount_minor: number;
  currency: string;
  amount_reporting: number | null;
  owner_id: string | null;
  account_id: string | null;
  close_date: string | null;
  total: number;
}

interface StageRow {
  stage: string;
  entered: number;
  completed: number;
  median_days: number | null;
  average_days: number | null;
  p90_days: number | null;
  advanced: number;
  decided: number;
}

/**
 * Per stage, visits that began in [from, to]: how many, how long the finished ones lasted
 * (median, mean, 90th percentile, in days) and the conversion onward — of the visits that ended,
 * the share after which the record reached a later stage (`order`; -1 marks an exit such as a
 * lost deal, which is never progress; a win is progress from every stage).
 */
async function stageTable(
  db: Db,
  ws: MetricWorkspace,
  source: RawBuilder<unknown>,
  order: Record<string, number>,
  from: string,
  to: string,
): Promise<StageRow[]> {
  const orderRows = Object.entries(order).map(([stage, ord]) => ({ stage, ord }));
  const rows = await runAnalytic(
    db,
    sql<StageRow>`with ${visitsSql(source)},
  ord as (select * from jsonb_to_recordset(${jsonParam(orderRows)}) as o(stage text, ord int)),
  ranked as (
    select v.*, coalesce(o.ord, -1) as ord,
      max(coalesce(o.ord, -1)) over (partition by v.subject_id order by v.entered_at
        rows between 1 following and unbounded following) as later_ord,
      extract(epoch from v.left_at - v.entered_at) / 86400 as days
    from visits v left join ord o on o.stage = v.stage)
  select stage, count(*)::int as entered, count(days)::int as completed,
    percentile_cont(0.5) within group (order by days) as median_days,
    avg(days) as average_days,
    percentile_cont(0.9) within group (order by days) as p90_days,
    count(*) filter (where later_ord > ord)::int as advanced,
    count(*) filter (where left_at is not null)::int as decided
  from ranked
  where ord >= 0 and ord < ${WON} and entered_at >= (${from}::date::timestamp at time zone ${ws.timezone})
    and entered_at < ((${to}::date + 1)::timestamp at time zone ${ws.timezone})
  group by stage`,
  );
  return rows.sort((a, b) => order[a.stage] - order[b.stage]);
}

const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
const shapeStages = (rows: StageRow[]) =>
  rows.map((r) => ({
    stage: r.stage,
    entered: r.entered,
    completed: r.completed,
    median_days: round(r.median_days),
    average_days: round(r.average_days),
    p90_days: round(r.p90_days),
    advanced: r.advanced,
    decided: r.decided,
    conversion: r.decided === 0 ? null : r.advanced / r.decided,
  }));

/** Stage order: the setting's list first, then other open stages in the order deals reach them; won last. */
async function opportunityStageOrder(db: Db, ws: MetricWorkspace): Promise<Record<string, number>> {
  const rows = await runAnalytic(
    db,
    sql<{ stage: string; position: number; won: boolean; closed: boolean }>`
    select to_stage as stage, avg(position) as position, bool_or(to_stage ~* 'won') as won, bool_or(${closedStage(sql`to_stage`)}) as closed
    from (select to_stage, row_number() over (partition by opportunity_id order by changed_at, id) as position
      from opportunity_stage_history where workspace_id = ${ws.id}) h
    group by to_stage`,
  );
  const listed = ws.settings.opportunity_stages;
  const order: Record<string, number> = {};
  listed.forEach((stage, i) => {
    order[stage] = i;
  });
  const others = rows.filter((r) => !r.closed && !(r.stage in order)).sort((a, b) => a.position - b.position);
  others.forEach((r, i) => {
    order[r.stage] = listed.length + i;
  });
  for (const r of rows) if (r.closed && r.won) order[r.stage] = WON;
  return order;
}

export async function bottlenecks(
  db: Db,
  workspaceId: string,
  query: BottleneckQuery = {},
  now = new Date(),
) {
  const ws = await loadMetricWorkspace(db, workspaceId);
  const today = todayIn(ws.timezone, now);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -364);
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isDate(value))
      throw new AppError("bad_request", `${name}: must be a date as YYYY-MM-DD`, { field: name });
  }
  const factor = query.factor ?? ws.settings.stalled_factor;
  if (!(factor > 0))
    throw new AppError("bad_request", "factor: must be a number above 0", { field: "factor" });
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new AppError("bad_request", "limit: must be a whole number from 1 to 1000", { field: "limit" });
  }

  const order = await opportunityStageOrder(db, ws);
  const dealSource = sql`select opportunity_id as subject_id, to_stage as stage, changed_at as at, id
    from opportunity_stage_history where workspace_id = ${ws.id}`;
  const deals = await stageTable(db, ws, dealSource, order, from, to);

  const subject = ws.settings.lifecycle_subject;
  const lifecycleOrder = Object.fromEntries(FUNNEL_STAGES.map((s, i) => [s, i]));
  lifecycleOrder.evangelist = FUNNEL_STAGES.length;
  const lifecycleSource = sql`select subject_id, to_stage as stage, transitioned_at as at, id
    from lifecycle_transitions where workspace_id = ${ws.id} and subject_type = ${subject}`;
  const lifecycle = await stageTable(db, ws, lifecycleSource, lifecycleOrder, from, to);

  const medians = deals
    .filter((d) => d.median_days !== null)
    .map((d) => ({ stage: d.stage, median: Number(d.median_days) }));
  const fx = await loadFxTable(db, ws.id, ws.currency, ws.settings.fx_pivot_currency);
  const stalled = await runAnalytic(
    db,
    sql<StalledRow>`with ${visitsSql(dealSource)},
  medians as (select * from jsonb_to_recordset(${jsonParam(medians)}) as m(stage text, median float8)),
  fx as (select * from jsonb_to_recordset(${jsonParam(fx.daily(today, today))}) as f(currency text, day date, factor numeric)),
  in_stage as (
    select v.subject_id, v.stage, v.entered_at, extract(epoch from ${now}::timestamptz - v.entered_at) / 86400 as days
    from visits v where v.left_at is null)
  select o.id, o.name, c.stage, c.entered_at, c.days as days_in_stage, m.median as median_days, c.days / m.median as ratio,
    o.amount_minor, o.currency, o.amount_minor * f.factor as amount_reporting, o.owner_id, o.account_id, o.close_date,
    count(*) over () as total
  from in_stage c
  join opportunities o on o.workspace_id = ${ws.id} and o.id = c.subject_id and o.status = 'open'
  join medians m on m.stage = c.stage and m.median > 0
  left join fx f on f.currency = o.currency
  where c.days > ${factor} * m.median
  order by c.days / m.median desc, o.id
  limit ${limit}`,
  );

  return {
    from,
    to,
    stalled_factor: factor,
    currency: ws.currency,
    opportunity_stages: shapeStages(deals),
    lifecycle_subject: subject,
    lifecycle_stages: shapeStages(lifecycle),
    stalled: {
      total: stalled.length ? Number(stalled[0].total) : 0,
      deals: stalled.map(({ total: _t, amount_reporting, ...r }) => ({
        ...r,
        days_in_stage: round(r.days_in_stage),
        median_days: round(r.median_days),
        ratio: round(r.ratio),
        amount:
          amount_reporting === null ? null : fromMinor(Math.round(Number(amount_reporting)), ws.currency),
      })),
    },
  };
}
