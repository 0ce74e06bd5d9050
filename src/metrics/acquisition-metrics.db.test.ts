import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { computeMetrics, drillDown, funnel, type MetricResult } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * Marketing and acquisition in a UTC workspace reporting in USD (EUR→USD 1.20 from 2026-02-01).
 *
 * Costs         Jan 2026                                   Feb 2026
 *   campaign    1,000 (C1, paid search)                    1,000 EUR = 1,200 USD (C2, webinar)
 *   salaries    marketing 2,000; sales 3,000               —
 *   other       500 (in neither marketing spend nor CAC)   sales commissions 800
 * Customers     P 1,000/mo since 2025-12-01, cancelled 2026-02-15
 *               N1 100 from Jan 10 (first deal sourced by C1), N2 200 from Jan 20 (by C2),
 *               N3 300 from Jan 25 (no deal), N4 500 from Feb 5 (no deal)
 * Contacts      L1 lead Jan 5, mql Jan 10, customer Feb 1;  L2 lead Jan 15, sql Jan 20;
 *               L3 subscriber 2025-12-20, lead Feb 3;  L4 straight to customer Feb 10
 */
let s: TestServer;
let f: FixtureApi;

async function metrics(
  keys: string[],
  query: Record<string, string> = {},
): Promise<Record<string, MetricResult>> {
  const results = await computeMetrics(s.database.db, s.ws.workspace.id, keys, {
    from: "2026-01-01",
    to: "2026-02-28",
    grain: "month",
    ...query,
  });
  return Object.fromEntries(results.map((r) => [r.metric.key, r]));
}
const values = (r: MetricResult) => r.series.map((p) => p.value);

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  await f.fxRate("EUR", "USD", 1.2, "2026-02-01");
  const c1 = await f.post("/api/campaigns", { name: "C1 search", channel: "paid_search", currency: "USD" });
  const c2 = await f.post("/api/campaigns", { name: "C2 webinar", channel: "webinar", currency: "EUR" });
  await f.post("/api/costs/bulk", {
    source: "ledger",
    records: [
      {
        external_id: "1",
        category: "campaign",
        campaign_id: c1.id,
        incurred_on: "2026-01-31",
        amount_minor: 100_000,
        currency: "USD",
      },
      {
        external_id: "2",
        category: "marketing_salaries",
        incurred_on: "2026-01-31",
        amount_minor: 200_000,
        currency: "USD",
      },
      {
        external_id: "3",
        category: "sales_salaries",
        incurred_on: "2026-01-31",
        amount_minor: 300_000,
        currency: "USD",
      },
      {
        external_id: "4",
        category: "other",
        incurred_on: "2026-01-15",
        amount_minor: 50_000,
        currency: "USD",
      },
      {
        external_id: "5",
        category: "campaign",
        campaign_id: c2.id,
        incurred_on: "2026-02-10",
        amount_minor: 100_000,
        currency: "EUR",
      },
      {
        external_id: "6",
        category: "sales_commissions",
        incurred_on: "2026-02-28",
        amount_minor: 80_000,
        currency: "USD",
      },
    ],
  });
  const p = await f.account("P");
  const subP = await f.subscription(p.id as string, "2025-12-01T00:00:00Z", 100_000);
  await f.version(subP, "2026-02-15T00:00:00Z", 100_000, "canceled");
  for (const [name, start, mrr, campaign] of [
    ["N1", "2026-01-10T00:00:00Z", 10_000, c1.id],
    ["N2", "2026-01-20T00:00:00Z", 20_000, c2.id],
    ["N3", "2026-01-25T00:00:00Z", 30_000, null],
    ["N4", "2026-02-05T00:00:00Z", 50_000, null],
  ] as const) {
    const account = await f.account(name);
    await f.subscription(account.id as string, start, mrr);
    if (campaign) {
      await f.post("/api/opportunities", {
        name: `${name} deal`,
        account_id: account.id,
        stage: "closed won",
        amount_minor: mrr * 12,
        currency: "USD",
        source_campaign_id: campaign,
        opened_at: "2026-01-02T00:00:00Z",
        closed_at: start,
      });
    }
  }
  const journeys: Record<string, Array<[string, string]>> = {
    L1: [
      ["lead", "2026-01-05T09:00:00Z"],
      ["mql", "2026-01-10T09:00:00Z"],
      ["customer", "2026-02-01T09:00:00Z"],
    ],
    L2: [
      ["lead", "2026-01-15T09:00:00Z"],
      ["sql", "2026-01-20T09:00:00Z"],
    ],
    L3: [
      ["subscriber", "2025-12-20T09:00:00Z"],
      ["lead", "2026-02-03T09:00:00Z"],
    ],
    L4: [["customer", "2026-02-10T09:00:00Z"]],
  };
  // Created outside the funnel, so the only transitions are the dated ones.
  for (const [name, steps] of Object.entries(journeys)) await f.contactJourney(name, steps);
});
afterAll(() => s?.close());

describe("acquisition KPIs", () => {
  it("adds up marketing spend and CAC spend from dated costs, converted on the day", async () => {
    const r = await metrics(["marketing_spend", "cac", "cac_payback_months"]);
    // Marketing: Jan 1,000 + 2,000; Feb 1,200 (1,000 EUR × 1.20). CAC spend: Jan 6,000 for 3 new
    // customers (N1, N2, N3); Feb 1,200 + 800 = 2,000 for 1 (N4).
    expect(values(r.marketing_spend)).toEqual([3_000, 1_200]);
    expect(values(r.cac)).toEqual([2_000, 2_000]);
    // Payback = CAC ÷ (new MRR per new customer × 0.8): Jan 2,000 ÷ (200 × 0.8); Feb 2,000 ÷ (500 × 0.8).
    expect(r.cac_payback_months.series[0].value).toBeCloseTo(12.5, 10);
    expect(r.cac_payback_months.series[1].value).toBeCloseTo(5, 10);
  });

  it("relates LTV to CAC", async () => {
    const r = await metrics(["ltv", "ltv_to_cac"]);
    // Jan: nothing lost, LTV unbounded. Feb: start MRR 1,600, P's 1,000 churned (62.5%);
    // ARPA = 1,100 / 4 = 275; LTV = 275 × 0.8 ÷ 0.625 = 352; LTV:CAC = 352 / 2,000.
    expect(values(r.ltv)).toEqual([null, 352]);
    expect(r.ltv_to_cac.series[1].value).toBeCloseTo(0.176, 10);
  });

  it("splits CAC by the channel that acquired each customer", async () => {
    const r = await metrics(["cac"], { by: "channel" });
    const at = (group: string | null, period: string) =>
      r.cac.series.find((p) => p.group === group && p.period === period)?.value;
    // Jan: paid search 1,000 for N1; webinar nothing spent yet for N2; no campaign: 5,000 of
    // salaries for N3. Feb: webinar 1,200 but no customer; no campaign: 800 for N4.
    expect(at("paid_search", "2026-01")).toBe(1_000);
    expect(at("webinar", "2026-01")).toBe(0);
    expect(at(null, "2026-01")).toBe(5_000);
    expect(at("webinar", "2026-02")).toBeNull();
    expect(at(null, "2026-02")).toBe(800);
  });

  it("converts leads to customers as cohorts of the month they became leads", async () => {
    const r = await metrics(["new_leads", "mqls", "lead_conversion_rate"]);
    // Jan leads: L1, L2 (L1 converted). Feb: L3, and L4 (a lead from the moment it became a customer).
    expect(values(r.new_leads)).toEqual([2, 2]);
    expect(values(r.lead_conversion_rate)).toEqual([0.5, 0.5]);
    // MQL or later for the first time: Jan L1 (mql) and L2 (sql); Feb L4.
    expect(values(r.mqls)).toEqual([2, 1]);
    const jan = await drillDown(s.database.db, s.ws.workspace.id, "lead_conversion_rate", {
      period: "2026-01",
    });
    expect(jan.records.map((c) => [c.name, c.role])).toEqual([
      ["L1", "converted"],
      ["L2", "lead"],
    ]);
  });

  it("drills CAC into its costs and its new customers", async () => {
    const jan = await drillDown(s.database.db, s.ws.workspace.id, "cac", { period: "2026-01" });
    // Costs of one day come in id order, which is not the order they were written in.
    expect(
      jan.records
        .filter((r) => r.object === "costs")
        .map((r) => r.amount as number)
        .sort((a, b) => a - b),
    ).toEqual([1_000, 2_000, 3_000]);
    expect(
      jan.records
        .filter((r) => r.role === "new_customer")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["N1", "N2", "N3"]);
  });

  it("builds the lifecycle funnel: reaching a later stage counts as passing the skipped ones", async () => {
    const result = await funnel(s.database.db, s.ws.workspace.id, { from: "2025-12-01", to: "2026-02-28" });
    expect(result.entered).toBe(4);
    expect(result.stages.map((st) => [st.stage, st.reached])).toEqual([
      ["subscriber", 4],
      ["lead", 4],
      ["mql", 3],
      ["sql", 3],
      ["opportunity", 2],
      ["customer", 2],
    ]);
    expect(result.stages.map((st) => st.conversion_from_previous)).toEqual([null, 1, 0.75, 1, 2 / 3, 1]);
    // Subscriber → lead: L3 took 45 days (20 Dec → 3 Feb), the others 0: median 0.
    expect(result.stages[1].median_days_from_previous).toBe(0);
  });
});
