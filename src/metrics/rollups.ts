import { type RawBuilder, sql } from "kysely";
import { refreshStatistics } from "../db/statistics.ts";
import type { Db, Tx } from "../db/types.ts";
import { loadFxTable } from "./fx.ts";
import { addDays, type Period, periodOf, periodsBetween } from "./periods.ts";
import { compact, itemsParam, MRR_SUMMARY, PIPELINE_SUMMARY, type Summary } from "./rollup-summaries.ts";
import { closedDealsQuery, createdDealsAmountQuery, openStateCte } from "./sql/deals.sql.ts";
import { buildDealMonths } from "./sql/deals-rollup.sql.ts";
import { mrrMovementsSql } from "./sql/mrr.sql.ts";
import { analyticSettings } from "./sql/run.ts";
import { jsonParam, type Scope } from "./sql/scope.ts";

/**
 * Monthly pre-aggregates, kept up to date on read. Statement triggers (migrations 0005, 0010)
 * record what each write touched in `metric_rollup_dirty` — the accounts whose subscriptions
 * changed, the deals whose history changed, the months whose deals changed — and bump
 * `metric_rollup_state.data_version` when FX rates change, with the earliest day the changes can
 * move (`fx_changed_from`, null when a pair's earliest rate changed: every day before it uses it);
 * MRR is then rebuilt from that day's month, and the deals rollup's months from that day's are
 * marked touched (a pair's earliest rate bumps both data versions: whole rebuilds). A read
 * that finds touched items rebuilds only their rows; one that finds the last complete month
 * moved on rewrites the touched items through the months it had, then adds the months completed
 * since (every rollup here is `extendable`: a complete month's rows never change as today
 * moves); one that finds the data version or the settings or time zone (its signature) moved
 * rebuilds the whole table. Each happens once, in one transaction under an advisory lock, before
 * the read. Month-grain reads of complete months use them (deals also quarters and years: their
 * sums add up).
 *
 * - `mrr` → `metric_mrr_movements`: the engine's own movement rows (same SQL) per account and
 *   month, summed per month, segment and region in `metric_mrr_months`.
 * - `pipeline` → `metric_open_deals`: the deals open at each month end, as their history had them,
 *   summed per month, segment, region, stage and currency in `metric_open_deal_months`.
 * - `deals` → `metric_deal_months`: deals opened, won and lost per month, segment, region (and owner).
 */
interface Rollup {
  name: string;
  table: string;
  signature(scope: Scope): string;
  /** The first local date with data, or null. */
  firstDate(tx: Tx, scope: Scope, items?: string[]): Promise<string | null>;
  /** Inserts the rows of `scope.periods` (whole months), only those of `items` when given. */
  build(tx: Tx, scope: Scope, items?: string[]): Promise<void>;
  /** Deletes the rows of touched items; returns the periods to rebuild them over (by default all). */
  forget(tx: Tx, scope: Scope, items: string[], all: Period[]): Promise<Period[]>;
  /**
   * Whether everything converts — of the touched items only, when given — else the live path
   * reports what does not.
   */
  ready?(tx: Tx, scope: Scope, items?: string[]): Promise<boolean>;
  /** Its sums per month, segment and region, for reads sliced by those or not at all. */
  summary?: Summary;
  /**
   * Whether a complete month's rows depend only on the data, the settings in the signature and
   * the FX rates (a change of which rebuilds whole) — never on the day the table is built. Then a
   * month completing adds that month's rows to the table instead of rebuilding it; otherwise a
   * month completing rebuilds the whole table, so it never serves other numbers than live.
   */
  extendable: boolean;
  /**
   * Deletes the rows of the months from `month` on, for every item; given, an FX rate change
   * that moves no day before some date rebuilds only the months from there (see `fxMonthsFrom`).
   */
  forgetFrom?(tx: Tx, scope: Scope, month: string): Promise<void>;
}

/** Above this many touched items a whole rebuild is as cheap as a partial one. */
const MAX_ITEMS = 20_000;

/** The first local date of `column` in `from` (its rows `t`), of the touched items' rows when `touched` says how to find them. */
const firstDate =
  (from: string, column: string, touched?: (items: string[]) => RawBuilder<unknown>) =>
  async (tx: Tx, scope: Scope, items?: string[]) => {
    const { rows } = await sql<{
      first: string | null;
    }>`select (min(${sql.ref(`t.${column}`)}) at time zone ${scope.ws.timezone})::date::text as first
      from ${sql.raw(from)} where t.workspace_id = ${scope.ws.id}
      ${items && touched ? sql`and ${touched(items)}` : sql``}`.execute(tx);
    return rows[0]?.first ?? null;
  };

/** Deletes the rows of the touched records (`column` holds their ids); rebuilds them over every month. */
const forgetRecords =
  (table: string, column: string) => async (tx: Tx, scope: Scope, items: string[], all: Period[]) => {
    await sql`delete from ${sql.table(table)} where workspace_id = ${scope.ws.id}
      and ${sql.ref(column)} in ${itemsParam(items)}`.execute(tx);
    return all;
  };

const converts = async (tx: Tx, scope: Scope, currencies: RawBuilder<{ currency: string }>) => {
  const { rows } = await currencies.execute(tx);
  return rows.every((r) => scope.fx.factor(r.currency, scope.today) !== undefined);
};

const MRR: Rollup = {
  name: "mrr",
  table: "metric_mrr_movements",
  signature: (scope) => {
    const s = scope.ws.settings;
    return JSON.stringify({
      timezone: scope.ws.timezone,
      currency: scope.ws.currency,
      statuses: s.mrr_statuses,
      pastDue: s.past_due_churn_days,
      reactivation: s.reactivation_window_months,
      pivot: s.fx_pivot_currency,
    });
  },
  firstDate: firstDate(
    "subscription_versions t join subscriptions s on s.workspace_id = t.workspace_id and s.id = t.subscription_id",
    "effective_at",
    (accounts) => sql`s.account_id in ${itemsParam(accounts)}`,
  ),
  async build(tx, scope, accounts) {
    await sql`insert into metric_mrr_movements
      (workspace_id, month, account_id, kind, was, is_now, start_rep, start_cc, end_rep, segment, region)
      ${mrrMovementsSql(scope, accounts)}
      select ${scope.ws.id}, per.start_date, mv.account_id, mv.kind, mv.was, mv.is_now, mv.start_rep, mv.start_cc, mv.end_rep,
        a.segment, a.region
      from mv join periods per on per.idx = mv.k
      left join accounts a on a.workspace_id = ${scope.ws.id} and a.id = mv.account_id`.execute(tx);
  },
  forget: forgetRecords("metric_mrr_movements", "account_id"),
  async forgetFrom(tx, scope, month) {
    await sql`delete from metric_mrr_movements where workspace_id = ${scope.ws.id} and month >= ${month}::date`.execute(
      tx,
    );
  },
  // A complete month's movements read MRR at its first and last instant, both before today
  // (`least(…, now)` never caps them), at the rates of the days before them (`earlierDate(…,
  // today)` never moves them); past-due churn counts N days from when the subscription fell past
  // due and reactivation looks back from the month's start — both from the history alone. Each
  // month's rows depend only on its own two instants, so building the new months alone gives
  // the rows a whole rebuild would.
  extendable: true,
  ready: (tx, scope, accounts) =>
    converts(
      tx,
      scope,
      accounts
        ? sql`select distinct v.currency from subscription_versions v
          join subscriptions s on s.workspace_id = v.workspace_id and s.id = v.subscription_id
          where v.workspace_id = ${scope.ws.id} and s.account_id in ${itemsParam(accounts)}`
        : sql`select distinct currency from subscription_versions where workspace_id = ${scope.ws.id}`,
    ),
  summary: MRR_SUMMARY,
};

const PIPELINE: Rollup = {
  name: "pipeline",
  table: "metric_open_deals",
  signature: (scope) => JSON.stringify({ timezone: scope.ws.timezone }),
  firstDate: firstDate(
    "opportunity_stage_history t",
    "changed_at",
    (deals) => sql`t.opportunity_id in ${itemsParam(deals)}`,
  ),
  async build(tx, scope, deals) {
    const points = scope.periods.map((p, idx) => ({ idx, month: p.start, d: addDays(p.end, 1) }));
    await sql`insert into metric_open_deals (workspace_id, month, opportunity_id, stage, amount_minor, currency, close_date, segment, region)
      with points as (
        select x.idx, x.month, null::date as rate_day, x.d::timestamp at time zone ${scope.ws.timezone} as at
        from jsonb_to_recordset(${jsonParam(points)}) as x(idx int, month date, d date)),
      ${openStateCte(scope.ws.id, deals)}
      select ${scope.ws.id}, pt.month, s.id, s.to_stage, s.amount_minor, s.currency, s.close_date, a.segment, a.region
      from open_state s join points pt on pt.idx = s.idx
      join opportunities o on o.workspace_id = ${scope.ws.id} and o.id = s.id
      left join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id`.execute(tx);
  },
  forget: forgetRecords("metric_open_deals", "opportunity_id"),
  // A month's rows are the deals open at its end as their history had them, in their own
  // currency (converted at read): nothing in them depends on today.
  extendable: true,
  summary: PIPELINE_SUMMARY,
};

const DEALS: Rollup = {
  name: "deals",
  table: "metric_deal_months",
  signature: (scope) =>
    JSON.stringify({
      timezone: scope.ws.timezone,
      currency: scope.ws.currency,
      pivot: scope.ws.settings.fx_pivot_currency,
    }),
  firstDate: firstDate("opportunities t", "opened_at"),
  build: (tx, scope) =>
    buildDealMonths(tx, scope, { closed: closedDealsQuery(scope), created: createdDealsAmountQuery(scope) }),
  // Deals are converted on the day they opened or closed (not as of today); an FX rate marks the
  // months from its date touched (migration 0011); a month's rows are its own deals' — nothing
  // moves with today.
  extendable: true,
  async forget(tx, scope, months, all) {
    await sql`delete from metric_deal_months where workspace_id = ${scope.ws.id} and by_owner in (false, true)
      and month = any(${`{${months.join(",")}}`}::date[])`.execute(tx);
    const touched = new Set(months);
    return all.filter((p) => touched.has(p.start));
  },
  ready(tx, scope, months) {
    if (!months) {
      return converts(
        tx,
        scope,
        sql`select distinct currency from opportunities where workspace_id = ${scope.ws.id}`,
      );
    }
    const sorted = [...months].sort();
    const tz = scope.ws.timezone;
    const from = sql`${sorted[0]}::date::timestamp at time zone ${tz}`;
    const to = sql`(${sorted[sorted.length - 1]}::date + interval '1 month')::timestamp at time zone ${tz}`;
    return converts(
      tx,
      scope,
      sql`select distinct currency from opportunities where workspace_id = ${scope.ws.id}
        and ((opened_at >= ${from} and opened_at < ${to}) or (closed_at >= ${from} and closed_at < ${to}))`,
    );
  },
};

interface State {
  data_version: number;
  built_version: number | null;
  signature: string | null;
  built_through: string | null;
  /** The earliest day the FX rate changes since the last build can move (null: any day). */
  fx_changed_from: string | null;
  dirty: boolean;
}

const lastCompleteMonth = (today: string) => addDays(periodOf(today, "month").start, -1);

async function readState(db: Db | Tx, workspaceId: string, name: string): Promise<State | undefined> {
  const { rows } = await sql<State>`select s.data_version, s.built_version, s.signature, s.built_through,
      s.fx_changed_from::text as fx_changed_from,
      exists (select 1 from metric_rollup_dirty d where d.workspace_id = s.workspace_id and d.name = s.name) as dirty
    from metric_rollup_state s where s.workspace_id = ${workspaceId} and s.name = ${name}`.execute(db);
  return rows[0];
}

/** Built from the current data version, settings and months (it may still have touched items). */
const isBuilt = (state: State | undefined, sig: string, through: string): state is State =>
  state !== undefined &&
  state.built_version !== null &&
  Number(state.built_version) === Number(state.data_version) &&
  state.signature === sig &&
  state.built_through === through;

/** Thrown inside a rebuild to roll it back (touched items stay marked) when something does not convert. */
class NotConvertible extends Error {}

/** Brings the pre-aggregate up to date; false (nothing changed) when some amount does not convert. */
async function rebuild(db: Db, rollup: Rollup, scope: Scope, sig: string, through: string): Promise<boolean> {
  try {
    await db.transaction().execute((tx) => rebuildIn(tx, rollup, scope, sig, through));
    return true;
  } catch (error) {
    if (error instanceof NotConvertible) return false;
    throw error;
  }
}

/**
 * Built from the current data version and settings through an earlier month, by a rollup whose
 * complete months do not change as today moves: the months completed since can be added.
 */
const isExtendable = (
  rollup: Rollup,
  state: State | undefined,
  sig: string,
  through: string,
): state is State =>
  rollup.extendable &&
  state !== undefined &&
  state.built_version !== null &&
  Number(state.built_version) === Number(state.data_version) &&
  state.signature === sig &&
  state.built_through !== null &&
  state.built_through < through;

/**
 * The first month to rebuild when only FX rates changed since a build that is otherwise current,
 * and the changes move no day before some date: the month holding the day before it (a month's
 * rows read the rates of the days before its first and last instants). Undefined: rebuild whole.
 */
function fxMonthsFrom(rollup: Rollup, state: State | undefined, sig: string, through: string) {
  if (!rollup.forgetFrom || state === undefined || state.built_version === null) return undefined;
  if (Number(state.built_version) === Number(state.data_version) || state.fx_changed_from === null)
    return undefined;
  if (state.signature !== sig || state.built_through !== through) return undefined;
  return periodOf(addDays(state.fx_changed_from, -1), "month").start;
}

async function rebuildIn(tx: Tx, rollup: Rollup, scope: Scope, sig: string, through: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${scope.ws.id}:${rollup.name}`}))`.execute(tx);
  // The rates this read converts with were loaded before the lock: a rate written since would be
  // marked as handled while the rows used the old one. Build nothing then (this read goes live).
  const rates = await loadFxTable(tx, scope.ws.id, scope.ws.currency, scope.ws.settings.fx_pivot_currency);
  if (rates.fingerprint !== scope.fx.fingerprint) throw new NotConvertible();
  const state = await readState(tx, scope.ws.id, rollup.name);
  if (isBuilt(state, sig, through) && !state.dirty) return;
  await analyticSettings(tx);
  // Taken first: a write touching an item again now waits for this rebuild, then marks it anew.
  const { rows: touched } = await sql<{ item: string }>`delete from metric_rollup_dirty
      where workspace_id = ${scope.ws.id} and name = ${rollup.name} returning item`.execute(tx);
  const items = touched.map((r) => r.item);
  const few = items.length <= MAX_ITEMS;
  const partial = isBuilt(state, sig, through) && few;
  // A month (or several) completed since the last build: rewrite the touched items through the
  // months already built, then add the new months whole, instead of rebuilding every month.
  const extend = !partial && few && isExtendable(rollup, state, sig, through);
  const fxFrom = !partial && few ? fxMonthsFrom(rollup, state, sig, through) : undefined;
  if (rollup.ready && !(await rollup.ready(tx, scope, partial ? items : undefined)))
    throw new NotConvertible();
  const whole = { ...scope, grain: "month" as const, by: undefined, filters: [] };
  const summary = rollup.summary;
  if (fxFrom !== undefined && state) {
    // Rates changed from some day on: the touched items first, then every item's months from
    // the first month the rates can move (the summary takes back what those rows added).
    if (items.length) await applyTouched(tx, rollup, whole, items, through);
    const first = await rollup.firstDate(tx, scope, undefined);
    const redo = (first && first <= through ? periodsBetween(first, through, "month") : []).filter(
      (p) => p.start >= fxFrom,
    );
    const before = addDays(fxFrom, -1);
    await summary?.add(tx, scope.ws.id, -1, undefined, before);
    await rollup.forgetFrom?.(tx, scope, fxFrom);
    if (redo.length) await rollup.build(tx, { ...whole, periods: redo });
    await summary?.add(tx, scope.ws.id, 1, undefined, before);
    if (summary) await compact(tx, scope.ws.id, summary);
    // built_at stays the time of the last whole build.
    await sql`update metric_rollup_state set built_version = ${state.data_version}, fx_changed_from = null
      where workspace_id = ${scope.ws.id} and name = ${rollup.name}`.execute(tx);
    return;
  }
  if (partial || extend) {
    const built = extend ? (state?.built_through as string) : through;
    if (items.length) await applyTouched(tx, rollup, whole, items, built);
    if (extend) {
      const first = await rollup.firstDate(tx, scope, undefined);
      const all = first && first <= through ? periodsBetween(first, through, "month") : [];
      const added = all.filter((p) => p.start > built);
      if (added.length) {
        await rollup.build(tx, { ...whole, periods: added });
        await summary?.add(tx, scope.ws.id, 1, undefined, built);
        // The planner's statistics of a table that was (nearly) empty until now would be wrong.
        if (added.length >= all.length - added.length)
          await refreshStatistics(tx, summary ? [rollup.table, summary.table] : [rollup.table]);
      }
      // built_at stays the time of the last whole build.
      await sql`update metric_rollup_state set built_through = ${through}
        where workspace_id = ${scope.ws.id} and name = ${rollup.name}`.execute(tx);
    }
    if (summary) await compact(tx, scope.ws.id, summary);
    return;
  }
  const first = await rollup.firstDate(tx, scope, undefined);
  const all = first && first <= through ? periodsBetween(first, through, "month") : [];
  const dataVersion = state?.data_version ?? 0;
  await sql`delete from ${sql.table(rollup.table)} where workspace_id = ${scope.ws.id}`.execute(tx);
  if (summary)
    await sql`delete from ${sql.table(summary.table)} where workspace_id = ${scope.ws.id}`.execute(tx);
  if (all.length) await rollup.build(tx, { ...whole, periods: all });
  await summary?.add(tx, scope.ws.id, 1);
  // Fresh statistics, or the planner takes a just-filled table for empty and joins it row by row.
  await refreshStatistics(tx, summary ? [rollup.table, summary.table] : [rollup.table]);
  await sql`insert into metric_rollup_state (workspace_id, name, data_version, built_version, signature, built_through, built_at)
      values (${scope.ws.id}, ${rollup.name}, ${dataVersion}, ${dataVersion}, ${sig}, ${through}, now())
      on conflict (workspace_id, name) do update set built_version = ${dataVersion}, signature = ${sig},
        built_through = ${through}, built_at = now(), fx_changed_from = null`.execute(tx);
}

/**
 * Rewrites the rows of the touched items over the months built through `built`: the summary takes
 * back what their old rows added and adds what the new ones do (the caller compacts it).
 */
async function applyTouched(tx: Tx, rollup: Rollup, whole: Scope, items: string[], built: string) {
  // A few records or months: probing each row's account by index beats hashing every account.
  const { rows } = await sql<{ cost: string }>`select current_setting('random_page_cost') as cost`.execute(
    tx,
  );
  await sql`select set_config('random_page_cost', '1.1', true)`.execute(tx);
  const first = await rollup.firstDate(tx, whole, items);
  const all = first && first <= built ? periodsBetween(first, built, "month") : [];
  const summary = rollup.summary;
  await summary?.add(tx, whole.ws.id, -1, items);
  const periods = await rollup.forget(tx, whole, items, all);
  if (periods.length) await rollup.build(tx, { ...whole, periods }, items);
  await summary?.add(tx, whole.ws.id, 1, items);
  await sql`select set_config('random_page_cost', ${rows[0].cost}, true)`.execute(tx);
}

/** Brings the pre-aggregate up to date for reads through `through`; false when it cannot serve the scope. */
async function ensureFresh(db: Db, rollup: Rollup, scope: Scope): Promise<boolean> {
  if (scope.rollups === false) return false;
  const through = lastCompleteMonth(scope.today);
  const sig = rollup.signature(scope);
  const state = await readState(db, scope.ws.id, rollup.name);
  if (isBuilt(state, sig, through) && !state.dirty) return true;
  return rebuild(db, rollup, scope, sig, through);
}

/** True when the scope can be read from the pre-aggregate, after bringing it up to date. */
async function covers(db: Db, rollup: Rollup, scope: Scope): Promise<boolean> {
  if (scope.grain !== "month") return false;
  if (scope.periods[scope.periods.length - 1].end > lastCompleteMonth(scope.today)) return false;
  return ensureFresh(db, rollup, scope);
}

export const mrrRollupCovers = (db: Db, scope: Scope) => covers(db, MRR, scope);
export const pipelineRollupCovers = (db: Db, scope: Scope) => covers(db, PIPELINE, scope);

/**
 * The leading periods the deals pre-aggregate can answer (whole complete months: months,
 * quarters, years), after bringing it up to date; the rest are computed live.
 */
export async function dealRollupPeriods(db: Db, scope: Scope): Promise<number> {
  if (scope.rollups === false || scope.grain === "day" || scope.grain === "week") return 0;
  const through = lastCompleteMonth(scope.today);
  const whole = (p: Period) =>
    p.start.endsWith("-01") && addDays(p.end, 1).endsWith("-01") && p.end <= through;
  let n = 0;
  while (n < scope.periods.length && whole(scope.periods[n])) n++;
  if (n === 0 || !(await ensureFresh(db, DEALS, scope))) return 0;
  return n;
}

/** Brings every pre-aggregate of the workspace up to date now (e.g. after a bulk load). */
export async function refreshRollups(db: Db, scope: Scope): Promise<void> {
  const month = {
    ...scope,
    grain: "month" as const,
    periods: [periodOf(lastCompleteMonth(scope.today), "month")],
  };
  for (const rollup of [MRR, PIPELINE, DEALS]) await covers(db, rollup, month);
}
