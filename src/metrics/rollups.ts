import { sql } from "kysely";
import type { Db, Tx } from "../db/types.ts";
import { addDays, periodOf, periodsBetween } from "./periods.ts";
import { openStateCte } from "./sql/deals.sql.ts";
import { mrrMovementsSql } from "./sql/mrr.sql.ts";
import { analyticSettings } from "./sql/run.ts";
import { jsonParam, type Scope } from "./sql/scope.ts";

/**
 * Monthly pre-aggregates, rebuilt on demand. Writes to the tables one reads bump
 * `metric_rollup_state.data_version` (statement triggers, migration 0005); a read that finds it
 * behind — in data, in settings or time zone (its signature), or missing the last complete
 * month — rebuilds it first, once, under an advisory lock, then reads a few rows per record and
 * month instead of replaying history. Only month-grain reads of complete months use them.
 *
 * - `mrr` → `metric_mrr_movements`: the engine's own movement rows (same SQL) per account and month.
 * - `pipeline` → `metric_open_deals`: the deals open at each month end, as their history had them.
 */
interface Rollup {
  name: string;
  table: string;
  signature(scope: Scope): string;
  /** The first local date with data, or null. */
  firstDate(tx: Tx, scope: Scope): Promise<string | null>;
  /** Inserts the rows of `scope.periods` (whole months). */
  build(tx: Tx, scope: Scope): Promise<void>;
  /** Whether everything converts (else the live path reports what does not). */
  ready?(db: Db, scope: Scope): Promise<boolean>;
}

const firstDate = (table: string, column: string) => async (tx: Tx, scope: Scope) => {
  const { rows } = await sql<{
    first: string | null;
  }>`select (min(${sql.ref(column)}) at time zone ${scope.ws.timezone})::date::text as first
    from ${sql.table(table)} where workspace_id = ${scope.ws.id}`.execute(tx);
  return rows[0]?.first ?? null;
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
  firstDate: firstDate("subscription_versions", "effective_at"),
  async build(tx, scope) {
    await sql`insert into metric_mrr_movements
      (workspace_id, month, account_id, kind, was, is_now, start_rep, start_cc, end_rep)
      ${mrrMovementsSql(scope)}
      select ${scope.ws.id}, per.start_date, mv.account_id, mv.kind, mv.was, mv.is_now, mv.start_rep, mv.start_cc, mv.end_rep
      from mv join periods per on per.idx = mv.k`.execute(tx);
  },
  async ready(db, scope) {
    const rows = await db
      .selectFrom("subscription_versions")
      .select("currency")
      .distinct()
      .where("workspace_id", "=", scope.ws.id)
      .execute();
    return rows.every((r) => scope.fx.factor(r.currency as string, scope.today) !== undefined);
  },
};

const PIPELINE: Rollup = {
  name: "pipeline",
  table: "metric_open_deals",
  signature: (scope) => JSON.stringify({ timezone: scope.ws.timezone }),
  firstDate: firstDate("opportunity_stage_history", "changed_at"),
  async build(tx, scope) {
    const points = scope.periods.map((p, idx) => ({ idx, month: p.start, d: addDays(p.end, 1) }));
    await sql`insert into metric_open_deals (workspace_id, month, opportunity_id, stage, amount_minor, currency, close_date)
      with points as (
        select x.idx, x.month, null::date as rate_day, x.d::timestamp at time zone ${scope.ws.timezone} as at
        from jsonb_to_recordset(${jsonParam(points)}) as x(idx int, month date, d date)),
      ${openStateCte(scope.ws.id)}
      select ${scope.ws.id}, pt.month, s.id, s.to_stage, s.amount_minor, s.currency, s.close_date
      from open_state s join points pt on pt.idx = s.idx`.execute(tx);
  },
};

interface State {
  data_version: number;
  built_version: number | null;
  signature: string | null;
  built_through: string | null;
}

const lastCompleteMonth = (today: string) => addDays(periodOf(today, "month").start, -1);

async function readState(db: Db | Tx, workspaceId: string, name: string): Promise<State | undefined> {
  return (await db
    .selectFrom("metric_rollup_state")
    .select(["data_version", "built_version", "signature", "built_through"])
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst()) as State | undefined;
}

const isFresh = (state: State | undefined, sig: string, through: string) =>
  state !== undefined &&
  state.built_version === state.data_version &&
  state.signature === sig &&
  state.built_through === through;

async function rebuild(db: Db, rollup: Rollup, scope: Scope, sig: string, through: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`${scope.ws.id}:${rollup.name}`}))`.execute(tx);
    const state = await readState(tx, scope.ws.id, rollup.name);
    if (isFresh(state, sig, through)) return;
    await analyticSettings(tx);
    const dataVersion = state?.data_version ?? 0;
    await sql`delete from ${sql.table(rollup.table)} where workspace_id = ${scope.ws.id}`.execute(tx);
    const first = await rollup.firstDate(tx, scope);
    if (first && first <= through) {
      const periods = periodsBetween(first, through, "month");
      await rollup.build(tx, { ...scope, grain: "month", periods, by: undefined, filters: [] });
    }
    await sql`insert into metric_rollup_state (workspace_id, name, data_version, built_version, signature, built_through, built_at)
      values (${scope.ws.id}, ${rollup.name}, ${dataVersion}, ${dataVersion}, ${sig}, ${through}, now())
      on conflict (workspace_id, name) do update set built_version = ${dataVersion}, signature = ${sig},
        built_through = ${through}, built_at = now()`.execute(tx);
  });
}

/** True when the scope can be read from the pre-aggregate, after bringing it up to date. */
async function covers(db: Db, rollup: Rollup, scope: Scope): Promise<boolean> {
  if (scope.grain !== "month" || scope.rollups === false) return false;
  const through = lastCompleteMonth(scope.today);
  if (scope.periods[scope.periods.length - 1].end > through) return false;
  const sig = rollup.signature(scope);
  if (isFresh(await readState(db, scope.ws.id, rollup.name), sig, through)) return true;
  if (rollup.ready && !(await rollup.ready(db, scope))) return false;
  await rebuild(db, rollup, scope, sig, through);
  return true;
}

export const mrrRollupCovers = (db: Db, scope: Scope) => covers(db, MRR, scope);
export const pipelineRollupCovers = (db: Db, scope: Scope) => covers(db, PIPELINE, scope);

/** Brings every pre-aggregate of the workspace up to date now (e.g. after a bulk load). */
export async function refreshRollups(db: Db, scope: Scope): Promise<void> {
  const month = {
    ...scope,
    grain: "month" as const,
    periods: [periodOf(lastCompleteMonth(scope.today), "month")],
  };
  for (const rollup of [MRR, PIPELINE]) await covers(db, rollup, month);
}
