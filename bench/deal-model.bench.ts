// Deal win-probability model: AUC and Brier score on a time-based holdout (the newest 20% of
// closed deals) next to the stage-probability baseline measured on the same rows, on the demo
// company (BENCH_DEAL_ACCOUNTS, default 2,000 accounts, embedded PGlite) and on the public CRM
// pipeline sample (/work/shared/data/crm); then the wall time to forecast every open deal and a
// 12-month ARR forecast at a larger size (BENCH_DEAL_SCALE_ACCOUNTS, default 20,000; on
// PostgreSQL when BENCH_DEAL_PG_URL is set, else PGlite), as a ratio to reading the deals alone.
// BENCH_DEAL_SCALE_WORKSPACE=ID times an existing workspace of BENCH_DEAL_PG_URL instead of
// loading one (e.g. the 100,000-account demo the metrics bench keeps, with
// `?options=-c search_path=bench_main` on the URL).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { connect } from "../src/db/connect.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Database } from "../src/db/types.ts";
import { loadDemo } from "../src/demo/index.ts";
import { plainWorkspace } from "../src/forecast/deals/testing-workspace.ts";
import {
  type DealModel,
  dealsFromTable,
  forecastArr,
  forecastFromDeals,
  forecastMetricSeries,
  loadDeals,
  loadForecastWorkspace,
  type PlainDeal,
  trainDealModel,
} from "../src/forecast/index.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const DEMO_ACCOUNTS = Number(process.env.BENCH_DEAL_ACCOUNTS ?? 2000);
const SCALE_ACCOUNTS = Number(process.env.BENCH_DEAL_SCALE_ACCOUNTS ?? 20_000);
const PG_URL = process.env.BENCH_DEAL_PG_URL;
const SCALE_WORKSPACE = process.env.BENCH_DEAL_SCALE_WORKSPACE;
const CRM = "/work/shared/data/crm";
const NOW = new Date("2026-11-01T00:00:00Z");
const seconds = (started: number) => Math.round((performance.now() - started) / 10) / 100;
const r4 = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 10_000) / 10_000;

function scores(model: DealModel) {
  const h = model.holdout;
  return {
    method: model.method,
    reason: model.reason,
    closed: model.counts.closed,
    lambda: model.lambda,
    halfLifeDays: model.halfLifeDays,
    blend: model.blend,
    calibration: model.calibration,
    holdoutDeals: h?.deals ?? 0,
    holdoutRows: h?.rows ?? 0,
    auc: r4(h?.auc),
    brier: r4(h?.brier),
    baselineAuc: r4(h?.baseline.auc),
    baselineBrier: r4(h?.baseline.brier),
    beatsBaseline: h
      ? (h.auc ?? 0) > (h.baseline.auc ?? 0) && (h.brier ?? 1) < (h.baseline.brier ?? 1)
      : false,
  };
}

async function openDatabase(): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (PG_URL) {
    const database = await connect({ databaseUrl: PG_URL, poolSize: 4 });
    await migrate(database.db);
    return { database, dispose: () => database.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), "revline-deal-bench-"));
  const database = await connect({ dataDir: join(dir, "data") });
  await migrate(database.db);
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function demo(size: number, label: string) {
  let accounts = size;
  const { database, dispose } = await openDatabase();
  try {
    const db = database.db;
    const reuse = label === "scale" ? SCALE_WORKSPACE : undefined;
    const ws = reuse
      ? { id: reuse }
      : await createWorkspace(db, { name: "Deal bench", slug: `deal-bench-${accounts}-${Date.now()}` });
    let t = performance.now();
    if (!reuse) await loadDemo(db, ws.id, { accounts, seed: 42, now: NOW });
    const loadSeconds = reuse ? null : seconds(t);
    if (reuse)
      accounts = Number(
        (
          await db
            .selectFrom("accounts")
            .select((e) => e.fn.countAll().as("n"))
            .where("workspace_id", "=", reuse)
            .executeTakeFirstOrThrow()
        ).n,
      );
    t = performance.now();
    const [fw, deals] = await Promise.all([loadForecastWorkspace(db, ws.id), loadDeals(db, ws.id)]);
    const readSeconds = seconds(t);
    t = performance.now();
    const f = forecastFromDeals(fw, deals, NOW.getTime());
    const modelSeconds = seconds(t);
    t = performance.now();
    const arr = await forecastMetricSeries(db, ws.id, { metric: "arr", horizon: 12 }, NOW);
    const arrSeconds = seconds(t);
    t = performance.now();
    await forecastArr(db, ws.id, { horizon: 12 }, { forecast: f, now: NOW });
    const arrBridgeSeconds = seconds(t);
    const result = {
      accounts,
      engine: PG_URL ? "postgres" : "pglite",
      deals: deals.length,
      openDeals: f.predictions.length,
      loadSeconds,
      readDealsSeconds: readSeconds,
      trainAndPredictSeconds: modelSeconds,
      forecastAllOpenDealsSeconds: Math.round((readSeconds + modelSeconds) * 100) / 100,
      ratioToReadingDeals: Math.round(((readSeconds + modelSeconds) / readSeconds) * 100) / 100,
      arr12MonthSeconds: arrSeconds,
      arrBridge12MonthSeconds: arrBridgeSeconds,
      arrMethod: arr.method,
      model: scores(f.model),
    };
    console.log(`${label}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await dispose();
  }
}

/**
 * The CRM sample as plain deals: engage_date opens a deal in "Engaging", close_date closes it
 * won or lost; Prospecting rows (never engaged) have no date and are left out. The amount is the
 * product's list price (close_value is 0 for every lost deal, so it would give the outcome away);
 * the owner is the sales agent, the team their manager, the type the product, the source the
 * account's sector.
 */
export function crmDeals(): PlainDeal[] {
  const read = (file: string) =>
    parse(readFileSync(join(CRM, file)), { columns: true }) as Array<Record<string, string>>;
  const price = new Map(
    read("products.csv").map((p) => [p.product.replace(/\s+/g, ""), Number(p.sales_price)]),
  );
  const sector = new Map(read("accounts.csv").map((a) => [a.account, a.sector]));
  const manager = new Map(read("sales_teams.csv").map((t) => [t.sales_agent, t.manager]));
  const out: PlainDeal[] = [];
  for (const row of read("sales_pipeline.csv")) {
    if (!row.engage_date) continue;
    const closed = row.deal_stage === "Won" || row.deal_stage === "Lost";
    out.push({
      id: row.opportunity_id,
      opened: row.engage_date,
      closed: closed ? row.close_date : null,
      outcome: row.deal_stage === "Won" ? "won" : row.deal_stage === "Lost" ? "lost" : null,
      stage: "Engaging",
      amount: Math.round((price.get(row.product.replace(/\s+/g, "")) ?? 0) * 100),
      type: row.product,
      leadSource: row.account ? (sector.get(row.account) ?? "unknown") : "no account",
      owner: row.sales_agent,
      team: manager.get(row.sales_agent) ?? null,
    });
  }
  return out;
}

export function crm() {
  const plain = crmDeals();
  const deals = dealsFromTable(plain);
  const last = Math.max(...deals.map((d) => d.closedAt ?? 0));
  const fw = plainWorkspace(["Engaging"]);
  const t = performance.now();
  const model = trainDealModel(deals, last + 86_400_000, {
    stageOrder: fw.stageOrder,
    dayOf: fw.dayOf,
    convert: fw.convert,
  });
  const result = { deals: deals.length, trainSeconds: seconds(t), model: scores(model) };
  console.log(`CRM sample: ${JSON.stringify(result)}`);
  return result;
}

export default async function dealModelBench() {
  const crmResult = crm();
  const demoResult = await demo(DEMO_ACCOUNTS, "demo");
  const scale = SCALE_ACCOUNTS > 0 ? await demo(SCALE_ACCOUNTS, "scale") : null;
  return {
    demo: demoResult.model,
    crm: crmResult.model,
    scale: scale && {
      accounts: scale.accounts,
      engine: scale.engine,
      deals: scale.deals,
      openDeals: scale.openDeals,
      forecastAllOpenDealsSeconds: scale.forecastAllOpenDealsSeconds,
      ratioToReadingDeals: scale.ratioToReadingDeals,
      arr12MonthSeconds: scale.arr12MonthSeconds,
      arrBridge12MonthSeconds: scale.arrBridge12MonthSeconds,
    },
  };
}
