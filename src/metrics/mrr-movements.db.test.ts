import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { computeMetrics, type MetricResult, updateMetricSettings } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * A small company in a UTC workspace reporting in USD; all amounts are MRR per month.
 *
 *  A  sub 100.00 from 2025-11-15; upgraded to 150.00 on 2026-01-15 (mid-month); downgraded to 120.00 on 2026-02-10
 *  B  sub B1 200.00 from 2025-12-01 and sub B2 50.00 from 2025-12-20; B2 cancelled 2026-01-20 (B keeps B1: not churn)
 *  C  sub C1 80.00 from 2025-10-01, cancelled 2026-01-31 12:00; new sub C2 90.00 from 2026-03-05 (reactivation)
 *  D  sub in EUR, 100.00 EUR from 2026-02-14; EUR→USD 1.10 on 2026-01-31, 1.20 on 2026-02-28, 1.25 on 2026-03-31
 *  E  sub 300.00 trialing from 2026-01-10, active from 2026-02-01 00:00 exactly (Feb's new MRR, not Jan's)
 *  F  sub 60.00 from 2025-12-01, past due from 2026-01-10, paid again (active) 2026-03-10
 *
 * MRR is read at each period end (the first instant of the next day, local time):
 *            start of Dec   end of Dec   end of Jan   end of Feb   end of Mar
 *  A             100           100          150          120          120
 *  B               —           250          200          200          200
 *  C              80            80            —            —           90
 *  D               —             —            —     120 (×1.20)  125 (×1.25)
 *  E               —             —            —          300          300
 *  F               —            60           60           60           60
 *  total         180           490          410          800          895
 */
let s: TestServer;
let f: FixtureApi;
const now = new Date("2026-06-15T12:00:00Z");

async function metrics(
  keys: string[],
  query: Record<string, string> = {},
): Promise<Record<string, MetricResult>> {
  const results = await computeMetrics(
    s.database.db,
    s.ws.workspace.id,
    keys,
    { from: "2026-01-01", to: "2026-03-31", grain: "month", ...query },
    { now },
  );
  return Object.fromEntries(results.map((r) => [r.metric.key, r]));
}
const values = (r: MetricResult) => r.series.map((p) => p.value);

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  await f.fxRate("EUR", "USD", 1.1, "2026-01-31");
  await f.fxRate("EUR", "USD", 1.2, "2026-02-28");
  await f.fxRate("EUR", "USD", 1.25, "2026-03-31");

  const a = await f.account("A", { segment: "smb" });
  const subA = await f.subscription(a.id as string, "2025-11-15T09:00:00Z", 10000);
  await f.version(subA, "2026-01-15T10:00:00Z", 15000);
  await f.version(subA, "2026-02-10T10:00:00Z", 12000);

  const b = await f.account("B", { segment: "enterprise" });
  await f.subscription(b.id as string, "2025-12-01T00:00:00Z", 20000);
  const b2 = await f.subscription(b.id as string, "2025-12-20T00:00:00Z", 5000);
  await f.version(b2, "2026-01-20T00:00:00Z", 5000, "canceled");

  const c = await f.account("C", { segment: "smb" });
  const c1 = await f.subscription(c.id as string, "2025-10-01T00:00:00Z", 8000);
  await f.version(c1, "2026-01-31T12:00:00Z", 8000, "canceled");
  await f.subscription(c.id as string, "2026-03-05T00:00:00Z", 9000);

  const d = await f.account("D", { segment: "enterprise" });
  await f.subscription(d.id as string, "2026-02-14T00:00:00Z", 10000, { currency: "EUR" });

  const e = await f.account("E", { segment: "smb" });
  const subE = await f.subscription(e.id as string, "2026-01-10T00:00:00Z", 30000, { status: "trialing" });
  await f.version(subE, "2026-02-01T00:00:00Z", 30000);

  const fAcc = await f.account("F", { segment: "mid_market" });
  const subF = await f.subscription(fAcc.id as string, "2025-12-01T00:00:00Z", 6000);
  await f.version(subF, "2026-01-10T00:00:00Z", 6000, "past_due");
  await f.version(subF, "2026-03-10T00:00:00Z", 6000, "active");
});
afterAll(() => s?.close());

describe("MRR and its movements", () => {
  it("reads MRR at each period end, in the reporting currency at that date's rate", async () => {
    const r = await metrics(["mrr", "arr", "customers"]);
    expect(values(r.mrr)).toEqual([410, 800, 895]);
    // previous: end of December (100 + 250 + 80 + 60).
    expect(r.mrr.series.map((p) => p.previous)).toEqual([490, 410, 800]);
    expect(values(r.arr)).toEqual([4920, 9600, 10740]);
    expect(values(r.customers)).toEqual([3, 5, 6]);
    expect(r.mrr.currency).toBe("USD");
    expect(r.mrr.series.map((p) => p.period)).toEqual(["2026-01", "2026-02", "2026-03"]);
  });

  it("classifies movements: mid-month up/downgrades, a second subscription cancelled, churn, reactivation", async () => {
    const r = await metrics([
      "new_mrr",
      "expansion_mrr",
      "contraction_mrr",
      "churned_mrr",
      "reactivation_mrr",
      "net_new_mrr",
      "fx_adjustment_mrr",
    ]);
    // Jan: A +50 (expansion), B −50 (B2 cancelled, B1 still active: contraction), C −80 (churn).
    // Feb: A −30 (contraction), E +300 and D +120 (new). Mar: C +90 (reactivation); D flat in EUR.
    expect(values(r.new_mrr)).toEqual([0, 420, 0]);
    expect(values(r.expansion_mrr)).toEqual([50, 0, 0]);
    expect(values(r.contraction_mrr)).toEqual([50, 30, 0]);
    expect(values(r.churned_mrr)).toEqual([80, 0, 0]);
    expect(values(r.reactivation_mrr)).toEqual([0, 0, 90]);
    expect(values(r.net_new_mrr)).toEqual([-80, 390, 90]);
    // Mar: D's 100 EUR was 120 USD at February's rate and is 125 at March's: +5 from FX, not expansion.
    expect(values(r.fx_adjustment_mrr)).toEqual([0, 0, 5]);
  });

  it("derives retention, churn rates, quick ratio, ARPA and LTV from the movements", async () => {
    const r = await metrics([
      "nrr",
      "grr",
      "logo_churn_rate",
      "revenue_churn_rate",
      "net_revenue_churn_rate",
      "quick_ratio",
      "arpa",
      "ltv",
      "upsell_rate",
      "revenue_growth",
    ]);
    // Jan: start 490 (4 customers); +50 expansion, −50 contraction, −80 churn.
    expect(r.nrr.series[0].value).toBeCloseTo(410 / 490, 10);
    expect(r.grr.series[0].value).toBeCloseTo(360 / 490, 10);
    expect(r.logo_churn_rate.series[0].value).toBe(0.25);
    expect(r.revenue_churn_rate.series[0].value).toBeCloseTo(130 / 490, 10);
    expect(r.net_revenue_churn_rate.series[0].value).toBeCloseTo(80 / 490, 10);
    expect(r.quick_ratio.series[0].value).toBeCloseTo(50 / 130, 10);
    // ARPA = 410 / 3 customers = 136.666… → 136.67.
    expect(r.arpa.series[0].value).toBe(136.67);
    // LTV = ARPA × 0.8 ÷ monthly gross revenue churn = (41000/3 × 0.8) ÷ (130/490) = 41210.26 cents.
    expect(r.ltv.series[0].value).toBe(412.1);
    expect(r.upsell_rate.series[0].value).toBe(0.25);
    expect(r.revenue_growth.series[0].value).toBeCloseTo(-80 / 490, 10);
    // Feb: start 410; only A contracted by 30. ARPA 800 / 5 = 160; LTV = 160 × 0.8 ÷ (30/410) = 1749.33.
    expect(r.nrr.series[1].value).toBeCloseTo(380 / 410, 10);
    expect(r.logo_churn_rate.series[1].value).toBe(0);
    expect(r.quick_ratio.series[1].value).toBeCloseTo(420 / 30, 10);
    expect(r.ltv.series[1].value).toBe(1749.33);
    // Mar: start 800 at Feb rates = 805 at Mar rates; nothing lost: no quick ratio, LTV unbounded (null).
    expect(r.nrr.series[2].value).toBe(1);
    expect(r.quick_ratio.series[2].value).toBeNull();
    expect(r.ltv.series[2].value).toBeNull();
    expect(r.revenue_growth.series[2].value).toBeCloseTo(90 / 805, 10);
  });

  it("slices by segment, every group with every period", async () => {
    const r = await metrics(["mrr", "churned_mrr"], { by: "segment" });
    const of = (group: string) => r.mrr.series.filter((p) => p.group === group).map((p) => p.value);
    // enterprise: B + D; mid_market: F; smb: A + C + E.
    expect(of("enterprise")).toEqual([200, 320, 325]);
    expect(of("mid_market")).toEqual([60, 60, 60]);
    expect(of("smb")).toEqual([150, 420, 510]);
    expect(r.mrr.series.map((p) => p.group)).toEqual([
      ...Array(3).fill("enterprise"),
      ...Array(3).fill("mid_market"),
      ...Array(3).fill("smb"),
    ]);
    expect(r.churned_mrr.series.filter((p) => p.value !== 0)).toMatchObject([
      { group: "smb", period: "2026-01", value: 80 },
    ]);
  });

  it("filters by a dimension", async () => {
    const r = await metrics(["mrr"], { filter: "segment:smb|mid_market" });
    expect(values(r.mrr)).toEqual([210, 480, 570]);
  });

  it("quarters and years read the same instants", async () => {
    const r = await metrics(["mrr", "new_mrr", "churned_mrr", "nrr"], { grain: "quarter" });
    expect(values(r.mrr)).toEqual([895]);
    // Q1 as one period: start 490 (A 100, B 250, C 80, F 60); end A 120 (+20), B 200 (−50),
    // C 90 (+10: a customer at both ends, its churn and return inside the quarter are not seen),
    // F 60; new D 125 and E 300.
    expect(values(r.new_mrr)).toEqual([425]);
    expect(values(r.churned_mrr)).toEqual([0]);
    // NRR = (490 + (A +20) + (C +10) − (B −50)) ÷ 490 = 470 / 490.
    expect(r.nrr.series[0].value).toBeCloseTo(470 / 490, 10);
  });

  it("reads the same figures live as from the monthly pre-aggregate, which follows every write", async () => {
    const keys = [
      "mrr",
      "new_mrr",
      "expansion_mrr",
      "contraction_mrr",
      "churned_mrr",
      "reactivation_mrr",
      "nrr",
      "customers",
    ];
    const query = { from: "2025-10-01", to: "2026-05-31", grain: "month", by: "segment" };
    const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, keys, query, { now });
    const live = await computeMetrics(s.database.db, s.ws.workspace.id, keys, query, { now, rollups: false });
    expect(rolled).toEqual(live);
    const state = await s.database.db
      .selectFrom("metric_rollup_state")
      .selectAll()
      .where("workspace_id", "=", s.ws.workspace.id)
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ name: "mrr", built_through: "2026-05-31" });
    expect(state.built_version).toBe(state.data_version);
    // A new subscription in April: the next read rebuilds the pre-aggregate and sees it.
    const g = await f.account("G", { segment: "smb" });
    const subG = await f.subscription(g.id as string, "2026-04-02T00:00:00Z", 1_000);
    try {
      const after = await metrics(["new_mrr"], { from: "2026-04-01", to: "2026-04-30" });
      expect(values(after.new_mrr)).toEqual([10]);
    } finally {
      await f.post("/api/subscription-versions", {
        subscription_id: subG.id,
        effective_at: "2026-04-02T00:00:00Z",
        status: "canceled",
        currency: "USD",
        billing_interval: "month",
        items: [],
      });
    }
  });

  it("churns a subscription past due for longer than the delinquency setting, and reactivates it when paid", async () => {
    await updateMetricSettings(s.database.db, s.ws.workspace.id, { past_due_churn_days: 30 });
    try {
      // F is past due from Jan 10, so stops counting on Feb 9: churned in Feb (60), back on Mar 10 (60).
      const r = await metrics(["churned_mrr", "reactivation_mrr", "mrr"]);
      expect(values(r.churned_mrr)).toEqual([80, 60, 0]);
      expect(values(r.reactivation_mrr)).toEqual([0, 0, 150]);
      expect(values(r.mrr)).toEqual([410, 740, 895]);
    } finally {
      await updateMetricSettings(s.database.db, s.ws.workspace.id, { past_due_churn_days: null });
    }
  });

  it("counts a return after the reactivation window as new business", async () => {
    await updateMetricSettings(s.database.db, s.ws.workspace.id, { reactivation_window_months: 1 });
    try {
      // C stopped on Jan 31 12:00 and returned on Mar 5: more than a month later, so new.
      const r = await metrics(["new_mrr", "reactivation_mrr"]);
      expect(values(r.new_mrr)).toEqual([0, 420, 90]);
      expect(values(r.reactivation_mrr)).toEqual([0, 0, 0]);
    } finally {
      await updateMetricSettings(s.database.db, s.ws.workspace.id, { reactivation_window_months: null });
    }
  });
});

describe("the monthly MRR pre-aggregate after a write", () => {
  it("rebuilds only the accounts whose subscriptions changed", async () => {
    const query = { from: "2026-01-01", to: "2026-03-31", grain: "month", by: "segment" };
    const keys = ["mrr", "new_mrr", "churned_mrr", "reactivation_mrr"];
    const read = async () => ({
      rolled: await computeMetrics(s.database.db, s.ws.workspace.id, keys, query, { now }),
      live: await computeMetrics(s.database.db, s.ws.workspace.id, keys, query, { now, rollups: false }),
    });
    await read();
    const state = () =>
      s.database.db
        .selectFrom("metric_rollup_state")
        .select(["built_at", "built_version", "data_version"])
        .where("workspace_id", "=", s.ws.workspace.id)
        .where("name", "=", "mrr")
        .executeTakeFirstOrThrow();
    const before = await state();
    // H subscribes at 40.00 on 5 February: February's new MRR goes from 420 (D 120, E 300) to 460.
    const h = await f.account("H", { segment: "smb" });
    const subH = await f.subscription(h.id as string, "2026-02-05T00:00:00Z", 4_000);
    try {
      const dirty = await s.database.db
        .selectFrom("metric_rollup_dirty")
        .select("item")
        .where("workspace_id", "=", s.ws.workspace.id)
        .where("name", "=", "mrr")
        .execute();
      expect(dirty.map((d) => d.item)).toEqual([h.id]);
      const { rolled, live } = await read();
      expect(rolled).toEqual(live);
      const newMrr = (await metrics(["new_mrr"])).new_mrr;
      expect(values(newMrr)).toEqual([0, 460, 0]);
      // Not rebuilt whole: the state still records the original build.
      expect(await state()).toEqual(before);
      // H moving to enterprise moves its 40.00 there, in the sums by segment too: February's new
      // MRR in enterprise is D's 120 and H's 40.
      await f.patch(`/api/accounts/${h.id}`, { segment: "enterprise" });
      const moved = await read();
      expect(moved.rolled).toEqual(moved.live);
      const newBySegment = moved.rolled.find((r) => r.metric.key === "new_mrr")?.series ?? [];
      const feb = newBySegment.filter((p) => p.period === "2026-02");
      expect(feb.map((p) => [p.group, p.value])).toEqual([
        ["enterprise", 160],
        ["mid_market", 0],
        ["smb", 300],
      ]);
    } finally {
      await f.version(subH, "2026-02-05T00:00:00Z", 4_000, "canceled", { items: [] });
    }
    const { rolled, live } = await read();
    expect(rolled).toEqual(live);
    expect(values((await metrics(["new_mrr"])).new_mrr)).toEqual([0, 420, 0]);
  });
});
