import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { prepare } from "./compute-metric.ts";
import { computeMetrics, type MetricResult, metricDef } from "./index.ts";
import { dealRollupPeriods, mrrRollupCovers } from "./rollups.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * The MRR pre-aggregate when FX rates change. UTC workspace reporting in USD, read on 5 July
 * 2026 (built through June). EUR→USD 1.10 from 2025-12-01.
 *
 *  A  USD 100.00 from 2026-01-10
 *  B  EUR 200.00 from 2026-02-05   (= 220.00 USD at 1.10)
 *
 *  MRR at month end    Jan   Feb   Mar   Apr   May   Jun
 *  at 1.10 throughout  100   320   320   320   320   320
 *
 * Deals won, in EUR, converted on the day they close: W1 1,000 EUR on 2026-03-10 (1,100 USD),
 * W2 1,000 EUR on 2026-05-20 (1,100 USD).
 *
 * Then EUR→USD 1.20 dated 2026-05-01: May and June end at 100 + 240 = 340, and May's FX
 * adjustment is B's start MRR revalued, 200 × (1.20 − 1.10) = 20 (its start reads the rate of
 * 30 April, its end that of 31 May). A month's rows read the rates of the days before its first
 * and last instants, so the MRR months from April (the month of 30 April) are rebuilt, not
 * January to March. W2 books 1,200 in May; the deals months from May are rebuilt, not earlier.
 */
let s: TestServer;
let f: FixtureApi;
const JULY = new Date("2026-07-05T12:00:00Z");
const KEYS = ["mrr", "fx_adjustment_mrr", "new_mrr", "customers", "bookings", "deals_won"];

async function both() {
  const q = { from: "2026-01-01", to: "2026-06-30", grain: "month" };
  const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, KEYS, q, { now: JULY });
  const live = await computeMetrics(s.database.db, s.ws.workspace.id, KEYS, q, { now: JULY, rollups: false });
  return { rolled, live };
}

const values = (results: MetricResult[], key: string) =>
  results.find((r) => r.metric.key === key)?.series.map((p) => p.value);

/** Where each row of a month sits in a pre-aggregate (its ctid): a rewritten row moves. */
async function placed(table = "metric_mrr_movements") {
  const { rows } = await sql<{ month: string; at: string }>`select month::text as month,
      ctid::text as at from ${sql.table(table)}
    where workspace_id = ${s.ws.workspace.id} order by 1, 2`.execute(s.database.db);
  const byMonth: Record<string, string[]> = {};
  for (const r of rows) {
    byMonth[r.month] ??= [];
    byMonth[r.month].push(r.at);
  }
  return byMonth;
}

const months = (all: Record<string, string[]>, keep: (month: string) => boolean) =>
  Object.fromEntries(Object.entries(all).filter(([m]) => keep(m)));

async function state(name = "mrr") {
  const { rows } = await sql<{ built_at: Date; pending: boolean }>`select built_at,
      built_version is distinct from data_version as pending
    from metric_rollup_state where workspace_id = ${s.ws.workspace.id} and name = ${name}`.execute(
    s.database.db,
  );
  return rows[0];
}

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  await f.fxRate("EUR", "USD", 1.1, "2025-12-01");
  const a = await f.account("A");
  const b = await f.account("B");
  await f.subscription(a.id as string, "2026-01-10T00:00:00Z", 10_000);
  await f.subscription(b.id as string, "2026-02-05T00:00:00Z", 20_000, { currency: "EUR" });
  for (const [name, opened, closed] of [
    ["W1", "2026-02-10T10:00:00Z", "2026-03-10T10:00:00Z"],
    ["W2", "2026-04-10T10:00:00Z", "2026-05-20T10:00:00Z"],
  ]) {
    const deal = await f.post("/api/opportunities", {
      name,
      account_id: a.id,
      currency: "EUR",
      type: "new",
      stage: "qualification",
      amount_minor: 100_000,
      opened_at: opened,
      close_date: closed.slice(0, 10),
    });
    await f.patch(`/api/opportunities/${deal.id}`, { stage: "closed won", closed_at: closed });
  }
});

afterAll(async () => {
  await s?.close();
});

describe("the MRR pre-aggregate when FX rates change", () => {
  it("rebuilds only the months from a new rate's date, and serves what live computes", async () => {
    const first = await both();
    expect(first.rolled).toEqual(first.live);
    expect(values(first.rolled, "mrr")).toEqual([100, 320, 320, 320, 320, 320]);
    expect(values(first.rolled, "bookings")).toEqual([0, 0, 1_100, 0, 1_100, 0]);
    const built = await state();
    const dealsBuilt = await state("deals");
    const before = await placed();
    const dealsBefore = await placed("metric_deal_months");
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(6);

    await f.fxRate("EUR", "USD", 1.2, "2026-05-01");
    expect((await state()).pending).toBe(true);
    const after = await both();
    expect(after.rolled).toEqual(after.live);
    expect(values(after.rolled, "mrr")).toEqual([100, 320, 320, 320, 340, 340]);
    expect(values(after.rolled, "fx_adjustment_mrr")).toEqual([0, 0, 0, 0, 20, 0]);
    expect(values(after.rolled, "new_mrr")).toEqual([100, 220, 0, 0, 0, 0]);
    expect(values(after.rolled, "bookings")).toEqual([0, 0, 1_100, 0, 1_200, 0]);
    // Deals: months before May untouched, no whole build.
    const dealsNow = await placed("metric_deal_months");
    const beforeMay = (m: string) => m < "2026-05-01";
    expect(months(dealsNow, beforeMay)).toEqual(months(dealsBefore, beforeMay));
    expect(dealsNow["2026-05-01"]).not.toEqual(dealsBefore["2026-05-01"]);
    expect((await state("deals")).built_at).toEqual(dealsBuilt.built_at);

    const now = await placed();
    // January to March untouched; April on rewritten; no whole build since the first.
    const early = (m: string) => m < "2026-04-01";
    expect(months(now, early)).toEqual(months(before, early));
    for (const month of ["2026-04-01", "2026-05-01", "2026-06-01"])
      expect(now[month]).not.toEqual(before[month]);
    const st = await state();
    expect(st.pending).toBe(false);
    expect(st.built_at).toEqual(built.built_at);
  });

  it("rebuilds whole when a rate is its pair's earliest (days before every rate use it)", async () => {
    await both();
    const built = await state();
    const dealsBuilt = await state("deals");
    const before = await placed();
    await f.fxRate("EUR", "USD", 1.05, "2025-11-01");
    const after = await both();
    expect(after.rolled).toEqual(after.live);
    // No month reads a day before 1 December 2025: the values stay; every row was rewritten.
    expect(values(after.rolled, "mrr")).toEqual([100, 320, 320, 320, 340, 340]);
    const now = await placed();
    for (const month of Object.keys(before)) expect(now[month]).not.toEqual(before[month]);
    expect((await state()).built_at).not.toEqual(built.built_at);
    expect((await state("deals")).built_at).not.toEqual(dealsBuilt.built_at);
  });

  it("takes a deleted rate back from its date, several changes from the earliest of them", async () => {
    await both();
    const before = await placed();
    const rates = await f.get("/api/fx-rates?limit=100");
    const may = (rates.data as Array<{ id: string; rate_date: string }>).find(
      (r) => r.rate_date === "2026-05-01",
    )!;
    await f.fxRate("EUR", "USD", 1.3, "2026-06-15");
    const removed = await request(s.app, "DELETE", `/api/fx-rates/${may.id}`, s.keys.admin);
    expect(removed.status).toBeLessThan(300);
    const after = await both();
    expect(after.rolled).toEqual(after.live);
    // 1.10 again until 14 June; June ends at 1.30: 100 + 260 = 360, its adjustment 200 × 0.20 = 40.
    expect(values(after.rolled, "mrr")).toEqual([100, 320, 320, 320, 320, 360]);
    expect(values(after.rolled, "fx_adjustment_mrr")).toEqual([0, 0, 0, 0, 0, 40]);
    // W2 closed on 20 May: 1.10 again.
    expect(values(after.rolled, "bookings")).toEqual([0, 0, 1_100, 0, 1_100, 0]);
    const now = await placed();
    const early = (m: string) => m < "2026-04-01";
    expect(months(now, early)).toEqual(months(before, early));
  });

  it("builds nothing from rates older than the database's (a rate written while a read ran)", async () => {
    await both();
    const query = { from: "2026-01-01", to: "2026-06-30", grain: "month" };
    const read = await prepare(s.database.db, s.ws.workspace.id, [metricDef("mrr")], query, { now: JULY });
    // Written after that read loaded its rates: EUR→USD 1.40 from 15 May.
    await f.fxRate("EUR", "USD", 1.4, "2026-05-15");
    expect(await mrrRollupCovers(s.database.db, read.scope)).toBe(false);
    expect(await dealRollupPeriods(s.database.db, read.scope)).toBe(0);
    expect((await state()).pending).toBe(true);
    // The next read, with the new rate, builds: May ends at 100 + 280 = 380 (adjustment
    // 200 × (1.40 − 1.10) = 60); June starts at 1.40 and ends at 1.30 (from 15 June): 360, −20.
    // W2 (20 May) books 1,400.
    const after = await both();
    expect(after.rolled).toEqual(after.live);
    expect(values(after.rolled, "mrr")).toEqual([100, 320, 320, 320, 380, 360]);
    expect(values(after.rolled, "fx_adjustment_mrr")).toEqual([0, 0, 0, 0, 60, -20]);
    expect(values(after.rolled, "bookings")).toEqual([0, 0, 1_100, 0, 1_400, 0]);
    expect((await state()).pending).toBe(false);
  });
});
