// The executive dashboard (ARR and its movements, NRR, churn, win rate, bookings, pipeline,
// CAC — 12 months, by segment) on the demo company at BENCH_METRICS_ACCOUNTS accounts (default
// 100,000), on PGlite and on PostgreSQL (BENCH_METRICS_PG_URL, default the local test database,
// in a throwaway schema), against the floor: the same numbers from hand-written SQL
// (bench/metrics-floor.ts) in the same run. The numbers are checked equal before timing.
// Timed four ways: from the monthly pre-aggregates (steady state), as the first read after one
// write (an upgrade and a won deal's amount two months back: the pre-aggregates rewrite only what
// it touched), fully live, and the pre-aggregates' rebuild from scratch (after a bulk load, an FX
// rate or a settings change). Beside that rebuild, a month completing: the pre-aggregates built
// through the month before last, then brought up to date as of this month — they add the month
// that completed instead of rebuilding (checked to give the same dashboard).
// BENCH_METRICS_ENGINES=pglite,postgres picks the engines; BENCH_METRICS_RUNS timed runs (3);
// BENCH_METRICS_SEED the demo seed (42). BENCH_METRICS_PG_SCHEMA=NAME keeps the PostgreSQL data
// in that schema and reuses it on the next run when it already holds a complete load of the same
// size, seed and month (loading 100,000 accounts takes minutes); BENCH_METRICS_PGLITE_DIR=DIR
// does the same for PGlite's data folder. Unset, every run starts clean.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { connect } from "../src/db/connect.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Database } from "../src/db/types.ts";
import { loadDemo } from "../src/demo/index.ts";
import { computeMetrics, type MetricResult, refreshMetricRollups } from "../src/metrics/index.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";
import { executiveFloor } from "./metrics-floor.ts";

const accounts = Number(process.env.BENCH_METRICS_ACCOUNTS ?? 100_000);
const runs = Number(process.env.BENCH_METRICS_RUNS ?? 3);
const seed = Number(process.env.BENCH_METRICS_SEED ?? 42);
const engines = (process.env.BENCH_METRICS_ENGINES ?? "pglite,postgres").split(",");
const pgUrl = process.env.BENCH_METRICS_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const keptSchema = process.env.BENCH_METRICS_PG_SCHEMA;
const keptPgliteDir = process.env.BENCH_METRICS_PGLITE_DIR;

const BY_SEGMENT = [
  "arr",
  "mrr",
  "new_mrr",
  "expansion_mrr",
  "contraction_mrr",
  "churned_mrr",
  "reactivation_mrr",
  "net_new_mrr",
  "nrr",
  "grr",
  "logo_churn_rate",
  "revenue_churn_rate",
  "win_rate",
  "bookings",
  "pipeline_created",
  "open_pipeline",
];

/** The dashboard as the web app asks for it: one batch by segment, CAC blended (costs have no segment). */
export async function dashboard(
  db: Database["db"],
  ws: string,
  from: string,
  to: string,
  now: Date,
  rollups = true,
) {
  const [bySegment, blended] = await Promise.all([
    computeMetrics(db, ws, BY_SEGMENT, { from, to, grain: "month", by: "segment" }, { now, rollups }),
    computeMetrics(db, ws, ["cac"], { from, to, grain: "month" }, { now, rollups }),
  ]);
  return [...bySegment, ...blended];
}

/** The median time of `work` (or of the part it times itself, when it returns milliseconds). */
async function median(times: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const timed = await work();
    ms.push(typeof timed === "number" ? timed : performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

/** Differences between the engine's numbers and the floor's (money to the cent, rates to 1e-9). */
export function compare(
  results: MetricResult[],
  floor: Awaited<ReturnType<typeof executiveFloor>>,
): string[] {
  const at = (key: string, month: string, segment: string | null) =>
    results
      .find((r) => r.metric.key === key)
      ?.series.find((p) => p.period === month && (p.group ?? null) === segment)?.value ?? null;
  const problems: string[] = [];
  const check = (what: string, engine: number | null, expected: number | null, tolerance: number) => {
    if (engine === null && (expected === null || expected === 0)) return;
    if (engine === null || expected === null || Math.abs(engine - expected) > tolerance)
      problems.push(`${what}: engine ${engine}, floor ${expected}`);
  };
  const months = new Set(results[0].series.map((p) => p.period));
  for (const row of floor.mrr) {
    if (!months.has(row.month)) continue;
    const v = row.values;
    const tag = `${row.month} ${row.segment}`;
    check(`mrr ${tag}`, at("mrr", row.month, row.segment), Math.round(v.end_mrr) / 100, 0.011);
    for (const k of ["new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr"])
      check(`${k} ${tag}`, at(k, row.month, row.segment), Math.round(v[k]) / 100, 0.011);
    const nrr = v.start_mrr_cc
      ? (v.start_mrr_cc + v.expansion_mrr - v.contraction_mrr - v.churned_mrr) / v.start_mrr_cc
      : null;
    check(`nrr ${tag}`, at("nrr", row.month, row.segment), nrr, 1e-9);
    check(
      `logo_churn_rate ${tag}`,
      at("logo_churn_rate", row.month, row.segment),
      v.customers_start ? v.churned_customers / v.customers_start : null,
      1e-9,
    );
  }
  for (const row of floor.deals) {
    if (!months.has(row.month)) continue;
    const v = row.values;
    const decided = v.won_count + v.lost_count;
    check(
      `win_rate ${row.month} ${row.segment}`,
      at("win_rate", row.month, row.segment),
      decided ? v.won_count / decided : null,
      1e-9,
    );
    check(
      `bookings ${row.month} ${row.segment}`,
      at("bookings", row.month, row.segment),
      Math.round(v.won_amount) / 100,
      0.011,
    );
    check(
      `pipeline_created ${row.month} ${row.segment}`,
      at("pipeline_created", row.month, row.segment),
      Math.round(v.created_amount) / 100,
      0.011,
    );
  }
  for (const row of floor.open) {
    if (months.has(row.month))
      check(
        `open_pipeline ${row.month} ${row.segment}`,
        at("open_pipeline", row.month, row.segment),
        Math.round(row.values.open_amount) / 100,
        0.011,
      );
  }
  for (const row of floor.costs) {
    if (!months.has(row.month)) continue;
    const newCustomers = floor.mrr
      .filter((m) => m.month === row.month)
      .reduce((sum, m) => sum + m.values.new_customers, 0);
    check(
      `cac ${row.month}`,
      at("cac", row.month, null),
      newCustomers ? Math.round(row.values.cac_spend / newCustomers) / 100 : null,
      0.011,
    );
  }
  return problems;
}

interface Engine {
  database: Database;
  dispose: () => Promise<void>;
  /** Whether the data survives the run (BENCH_METRICS_PG_SCHEMA), so a complete load can be reused. */
  kept: boolean;
}

async function openEngine(kind: string): Promise<Engine> {
  if (kind === "pglite") {
    const dir = keptPgliteDir ?? mkdtempSync(join(tmpdir(), "revline-metrics-bench-"));
    const database = await connect({ dataDir: join(dir, "data") });
    return {
      database,
      kept: keptPgliteDir !== undefined,
      dispose: async () => {
        await database.close();
        if (!keptPgliteDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = keptSchema ?? `bench_metrics_${randomBytes(4).toString("hex")}`;
  const admin = await connect({ databaseUrl: pgUrl, poolSize: 1 });
  await sql`create schema if not exists ${sql.id(schema)}`.execute(admin.db);
  const url = new URL(pgUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const database = await connect({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    database,
    kept: keptSchema !== undefined,
    dispose: async () => {
      await database.close();
      if (!keptSchema) await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    },
  };
}

/** The workspace holding a complete earlier load of this size, seed and month, in a kept schema. */
async function earlierLoad(db: Database["db"], slug: string) {
  await sql`create table if not exists bench_metrics_loads (slug text primary key, workspace_id text not null,
    rows jsonb not null, load_seconds numeric not null)`.execute(db);
  const { rows } = await sql<{
    workspace_id: string;
    rows: Record<string, number>;
    load_seconds: string;
  }>`select workspace_id, rows, load_seconds from bench_metrics_loads where slug = ${slug}`.execute(db);
  return rows[0];
}

/** Loads the demo company (or, in a kept schema, finds the earlier complete load). */
async function demoWorkspace(db: Database["db"], kept: boolean, now: Date) {
  const slug = `bench-${accounts}-${seed}-${now.toISOString().slice(0, 7)}`;
  const earlier = kept ? await earlierLoad(db, slug) : undefined;
  if (earlier) {
    console.log(`reusing the load in workspace ${earlier.workspace_id} (${slug})`);
    return { id: earlier.workspace_id, rows: earlier.rows, loadSeconds: Number(earlier.load_seconds) };
  }
  if (kept) await sql`delete from workspaces where slug = ${slug}`.execute(db);
  const ws = await createWorkspace(db, {
    name: "Bench",
    slug: kept ? slug : `bench-${randomBytes(3).toString("hex")}`,
  });
  const t0 = performance.now();
  const loaded = await loadDemo(db, ws.id, { accounts, seed, now });
  const loadSeconds = (performance.now() - t0) / 1000;
  await sql`analyze`.execute(db);
  if (kept)
    await sql`insert into bench_metrics_loads (slug, workspace_id, rows, load_seconds)
      values (${slug}, ${ws.id}, ${JSON.stringify(loaded.rows)}, ${loadSeconds})`.execute(db);
  return { id: ws.id, rows: loaded.rows, loadSeconds };
}

/**
 * One write of each kind the dashboard reads, two months back: an account's upgrade (a new
 * subscription version) and a won deal's amount corrected. Returns its undo.
 */
async function oneWrite(db: Database["db"], ws: string, now: Date): Promise<() => Promise<void>> {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15));
  const before = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  const id = `bench_write_${randomBytes(4).toString("hex")}`;
  await sql`insert into subscription_versions (workspace_id, id, subscription_id, effective_at, status, currency, billing_interval, items, mrr_minor)
    select v.workspace_id, ${id}, v.subscription_id, ${at}, v.status, v.currency, v.billing_interval, v.items, v.mrr_minor + 10000
    from subscription_versions v where v.workspace_id = ${ws} and v.status = 'active' and v.effective_at < ${before}
    order by v.id limit 1`.execute(db);
  const { rows } = await sql<{ id: string }>`update opportunities set amount_minor = amount_minor + 10000
    where workspace_id = ${ws} and id = (select id from opportunities where workspace_id = ${ws} and status = 'won'
      and closed_at >= ${before} and closed_at < ${at} order by id limit 1)
    returning id`.execute(db);
  return async () => {
    await sql`delete from subscription_versions where workspace_id = ${ws} and id = ${id}`.execute(db);
    await sql`update opportunities set amount_minor = amount_minor - 10000
      where workspace_id = ${ws} and id = ${rows[0]?.id ?? ""}`.execute(db);
  };
}

async function benchEngine(kind: string) {
  const { database, dispose, kept } = await openEngine(kind);
  try {
    const db = database.db;
    await migrate(db);
    const today = new Date();
    const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    const demo = await demoWorkspace(db, kept, now);
    const ws = { id: demo.id };
    const loaded = { rows: demo.rows };
    const loadSeconds = demo.loadSeconds;
    const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1))
      .toISOString()
      .slice(0, 10);
    const to = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);

    // Building the monthly pre-aggregates from scratch (what the first read after a bulk load,
    // a settings change or an FX rate pays).
    await sql`delete from metric_rollup_state where workspace_id = ${ws.id}`.execute(db);
    const t1 = performance.now();
    await refreshMetricRollups(db, ws.id, { now });
    const refreshMs = performance.now() - t1;
    const results = await dashboard(db, ws.id, from, to, now);
    const live = await dashboard(db, ws.id, from, to, now, false);
    const floor = await executiveFloor(db, ws.id, from, to, now);
    const problems = [...compare(results, floor), ...compare(live, floor).map((p) => `live ${p}`)];
    if (problems.length)
      console.log(`${kind}: ${problems.length} differences, first: ${problems.slice(0, 5).join("; ")}`);
    const engineMs = await median(runs, () => dashboard(db, ws.id, from, to, now));
    const liveMs = await median(runs, () => dashboard(db, ws.id, from, to, now, false));
    const floorMs = await median(runs, () => executiveFloor(db, ws.id, from, to, now));
    // The first read after one write: the pre-aggregates rebuild only what it touched.
    let undo: (() => Promise<void>) | undefined;
    const afterWriteMs = await median(runs, async () => {
      if (undo) {
        await undo();
        await dashboard(db, ws.id, from, to, now);
      }
      undo = await oneWrite(db, ws.id, now);
      const t = performance.now();
      await dashboard(db, ws.id, from, to, now);
      return performance.now() - t;
    });
    await undo?.();
    await dashboard(db, ws.id, from, to, now);
    // A daily FX feed's rate, dated in the last complete month: MRR is rebuilt from that month only.
    const rate = (
      await sql<{ base: string; quote: string; rate: number }>`select base_currency as base,
          quote_currency as quote, rate::float8 as rate from fx_rates
        where workspace_id = ${ws.id} order by rate_date desc limit 1`.execute(db)
    ).rows[0];
    const rateDay = new Date(now.getTime() - 15 * 86_400_000).toISOString().slice(0, 10);
    let fxRateMs = 0;
    if (rate) {
      fxRateMs = await median(runs, async () => {
        await sql`insert into fx_rates (workspace_id, id, base_currency, quote_currency, rate, rate_date)
          values (${ws.id}, 'bench_fx_rate', ${rate.base}, ${rate.quote}, ${rate.rate * 1.05}, ${rateDay})`.execute(
          db,
        );
        const t = performance.now();
        const read = await dashboard(db, ws.id, from, to, now);
        const ms = performance.now() - t;
        const fresh = await dashboard(db, ws.id, from, to, now, false);
        if (JSON.stringify(read) !== JSON.stringify(fresh)) {
          problems.push("the dashboard after an FX rate differs from the live one");
          console.log(`${kind}: ${problems[problems.length - 1]}`);
        }
        await sql`delete from fx_rates where workspace_id = ${ws.id} and id = 'bench_fx_rate'`.execute(db);
        await dashboard(db, ws.id, from, to, now);
        return ms;
      });
    }
    // A month completing: built through the month before last (as of a month ago), then brought
    // up to date as of now, which adds last month to each pre-aggregate.
    const monthAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const states = async () =>
      (
        await sql<{
          name: string;
          built_at: Date;
          built_through: string;
        }>`select name, built_at, built_through::text as built_through from metric_rollup_state
          where workspace_id = ${ws.id} order by name`.execute(db)
      ).rows.map((st) => `${st.name} through ${st.built_through} built ${st.built_at.toISOString()}`);
    let rebuilt: string[] = [];
    const monthCompletesMs = await median(runs, async () => {
      await sql`delete from metric_rollup_state where workspace_id = ${ws.id}`.execute(db);
      await refreshMetricRollups(db, ws.id, { now: monthAgo });
      const before = await states();
      const t = performance.now();
      await refreshMetricRollups(db, ws.id, { now });
      const ms = performance.now() - t;
      // Extended, not rebuilt: each keeps the time of its whole build a month ago.
      const after = await states();
      rebuilt = after.filter(
        (st, i) => st.replace(/through \S+ /, "") !== before[i]?.replace(/through \S+ /, ""),
      );
      return ms;
    });
    if (rebuilt.length) {
      problems.push(`rebuilt whole when a month completed: ${rebuilt.join(", ")}`);
      console.log(`${kind}: ${problems[problems.length - 1]}`);
    }
    const builtThrough = (await states()).map((st) => st.replace(/ built .*/, ""));
    const extended = await dashboard(db, ws.id, from, to, now);
    if (JSON.stringify(extended) !== JSON.stringify(results)) {
      problems.push("the dashboard after a month completes differs from the one after a rebuild");
      console.log(`${kind}: ${problems[problems.length - 1]}`);
    }
    const rows = Object.values(loaded.rows).reduce((a, b) => a + b, 0);
    const report = {
      engine: kind,
      accounts,
      rows,
      opportunities: loaded.rows.opportunities ?? 0,
      subscriptionVersions: loaded.rows.subscription_versions ?? 0,
      loadSeconds: Number(loadSeconds.toFixed(1)),
      kpis: results.length,
      points: results.reduce((sum, r) => sum + r.series.length, 0),
      rollupRefreshMs: Math.round(refreshMs),
      monthCompletesMs: Math.round(monthCompletesMs),
      fxRateMs: Math.round(fxRateMs),
      builtThrough: builtThrough.join(", "),
      dashboardMs: Math.round(engineMs),
      dashboardAfterWriteMs: Math.round(afterWriteMs),
      dashboardLiveMs: Math.round(liveMs),
      floorMs: Math.round(floorMs),
      ratioToFloor: Number((engineMs / floorMs).toFixed(2)),
      afterWriteRatioToFloor: Number((afterWriteMs / floorMs).toFixed(2)),
      liveRatioToFloor: Number((liveMs / floorMs).toFixed(2)),
      differences: problems.length,
    };
    console.log(
      `${kind}: ${accounts.toLocaleString()} accounts (${rows.toLocaleString()} rows, loaded in ${report.loadSeconds} s): ` +
        `dashboard ${report.dashboardMs} ms from the monthly pre-aggregates (full rebuild ${report.rollupRefreshMs} ms; ` +
        `month completes: extended in ${report.monthCompletesMs} ms; an FX rate of last month: ${report.fxRateMs} ms), ` +
        `${report.dashboardAfterWriteMs} ms as the first read after one write, ` +
        `${report.dashboardLiveMs} ms live (${report.kpis} KPIs, ${report.points} values); floor ${report.floorMs} ms; ` +
        `ratio ${report.ratioToFloor} (after a write ${report.afterWriteRatioToFloor}, live ${report.liveRatioToFloor}); ` +
        `${problems.length} differences from the floor`,
    );
    return report;
  } finally {
    await dispose();
  }
}

export default async function bench(): Promise<Record<string, unknown>> {
  const reports = [];
  for (const kind of engines) reports.push(await benchEngine(kind));
  return { reports, targetMs: 1000 };
}
