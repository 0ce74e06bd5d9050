import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { computeMetrics, type MetricResult, updateMetricSettings } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * The monthly pre-aggregates when a month completes: a workspace read in March (built through
 * February), then in April (through March), then in July (through June, three months at once).
 * UTC workspace reporting in USD; EUR→USD 1.10 throughout. MRR per month:
 *
 *  A  smb          100.00 from 2026-01-10                        (moves to mid_market before the April read)
 *  B  enterprise   200.00 from 2026-02-05, 250.00 from 2026-03-12
 *  C  smb           50.00 from 2026-01-20, canceled 2026-03-20
 *  D  smb           70.00 from 2026-02-15                         (written before the April read: touches February)
 *  E  smb           30.00 from 2026-06-03                         (written before the July read)
 *
 *  MRR at month end    Jan   Feb   Mar   Apr   May   Jun
 *  (as of July)        150   420   420   420   420   450
 *
 * Deals (opened open, closed through the write path at the dates given):
 *  O1 A  1,000 USD     opened 2026-01-15, won  2026-03-10
 *  O2 B  5,000 USD     opened 2026-02-03, open (closing 2026-04-30)
 *  O3 B  2,000 USD     opened 2026-03-05, lost 2026-03-25
 *  O4 C  1,000 EUR     opened 2026-02-20, won  2026-06-10        (= 1,100 USD)
 *
 * May has no event at all: no subscription change, no deal opened or closed.
 */
let s: TestServer;
let f: FixtureApi;
const acct: Record<string, string> = {};
const deal: Record<string, string> = {};

const MARCH = new Date("2026-03-15T12:00:00Z");
const APRIL = new Date("2026-04-10T12:00:00Z");
const JULY = new Date("2026-07-05T12:00:00Z");

const KEYS = [
  "mrr",
  "new_mrr",
  "expansion_mrr",
  "churned_mrr",
  "customers",
  "open_pipeline",
  "pipeline_velocity",
  "bookings",
  "deals_won",
  "win_rate",
  "pipeline_created",
];

/** The same query from the pre-aggregates and live; month grain through `to` (the last complete month). */
async function both(now: Date, to: string, query: Record<string, string> = {}) {
  const q = { from: "2026-01-01", to, grain: "month", ...query };
  const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, KEYS, q, { now });
  const live = await computeMetrics(s.database.db, s.ws.workspace.id, KEYS, q, { now, rollups: false });
  return { rolled, live };
}

const series = (results: MetricResult[], key: string) =>
  results.find((r) => r.metric.key === key)?.series.map((p) => [p.period, p.group ?? null, p.value]);
const values = (results: MetricResult[], key: string) =>
  results.find((r) => r.metric.key === key)?.series.map((p) => p.value);

/** Each pre-aggregate's record of its last whole build and the month it is built through. */
async function states() {
  const { rows } = await sql<{
    name: string;
    built_at: Date;
    built_through: string;
  }>`select name, built_at, built_through::text as built_through from metric_rollup_state
    where workspace_id = ${s.ws.workspace.id} order by name`.execute(s.database.db);
  return Object.fromEntries(rows.map((r) => [r.name, r]));
}

/**
 * Where each row of the months through `through` sits (its ctid): a row rewritten, or the table
 * rebuilt, moves it. `item` is the column naming what the row is of; rows of `except` are left out.
 */
async function placed(table: string, item: string, through: string, except: string[] = []) {
  const { rows } = await sql<{
    row: string;
    item: string;
  }>`select month::text || ' ' || ${sql.ref(item)}::text || ' ' || ctid::text as row, ${sql.ref(item)}::text as item
    from ${sql.table(table)} where workspace_id = ${s.ws.workspace.id} and month <= ${through}::date`.execute(
    s.database.db,
  );
  return rows
    .filter((r) => !except.includes(r.item))
    .map((r) => r.row)
    .sort();
}

async function placements(
  through: string,
  touched: { accounts: string[]; deals: string[]; months: string[] },
) {
  return {
    mrr: await placed("metric_mrr_movements", "account_id", through, touched.accounts),
    pipeline: await placed("metric_open_deals", "opportunity_id", through, touched.deals),
    deals: await placed("metric_deal_months", "month", through, touched.months),
  };
}

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  await f.fxRate("EUR", "USD", 1.1, "2025-12-01");
  for (const [name, segment] of [
    ["A", "smb"],
    ["B", "enterprise"],
    ["C", "smb"],
    ["D", "smb"],
    ["E", "smb"],
  ])
    acct[name] = (await f.account(name, { segment })).id as string;

  await f.subscription(acct.A, "2026-01-10T00:00:00Z", 10_000);
  const b = await f.subscription(acct.B, "2026-02-05T00:00:00Z", 20_000);
  await f.version(b, "2026-03-12T00:00:00Z", 25_000);
  const c = await f.subscription(acct.C, "2026-01-20T00:00:00Z", 5_000);
  await f.version(c, "2026-03-20T00:00:00Z", 5_000, "canceled", { items: [] });

  const open = async (key: string, account: string, body: Record<string, unknown>) => {
    const created = await f.post("/api/opportunities", {
      name: key,
      account_id: account,
      currency: "USD",
      type: "new",
      stage: "qualification",
      ...body,
    });
    deal[key] = created.id as string;
  };
  await open("O1", acct.A, {
    amount_minor: 100_000,
    opened_at: "2026-01-15T10:00:00Z",
    close_date: "2026-03-31",
  });
  await f.patch(`/api/opportunities/${deal.O1}`, { stage: "closed won", closed_at: "2026-03-10T10:00:00Z" });
  await open("O2", acct.B, {
    amount_minor: 500_000,
    opened_at: "2026-02-03T10:00:00Z",
    close_date: "2026-04-30",
  });
  await open("O3", acct.B, {
    amount_minor: 200_000,
    opened_at: "2026-03-05T10:00:00Z",
    close_date: "2026-03-31",
  });
  await f.patch(`/api/opportunities/${deal.O3}`, { stage: "closed lost", closed_at: "2026-03-25T10:00:00Z" });
  await open("O4", acct.C, {
    amount_minor: 100_000,
    currency: "EUR",
    opened_at: "2026-02-20T10:00:00Z",
    close_date: "2026-06-30",
  });
  await f.patch(`/api/opportunities/${deal.O4}`, { stage: "closed won", closed_at: "2026-06-10T10:00:00Z" });
});

afterAll(async () => {
  await s?.close();
});

describe("the monthly pre-aggregates when a month completes", () => {
  it("add the completed month, with the writes since, instead of rebuilding", async () => {
    const march = await both(MARCH, "2026-02-28", { by: "segment" });
    expect(march.rolled).toEqual(march.live);
    const built = await states();
    expect(Object.values(built).map((st) => st.built_through)).toEqual([
      "2026-02-28",
      "2026-02-28",
      "2026-02-28",
    ]);

    // Before April's read: D subscribes from 15 February (a month already built) and A moves
    // from smb to mid_market (its rows and its deal's, in every month).
    await f.subscription(acct.D, "2026-02-15T00:00:00Z", 7_000);
    await f.patch(`/api/accounts/${acct.A}`, { segment: "mid_market" });
    const dirty = await sql<{ name: string; item: string }>`select name, item from metric_rollup_dirty
      where workspace_id = ${s.ws.workspace.id} order by name, item`.execute(s.database.db);
    const tagged = (rows: Array<{ name: string; item: string }>) =>
      rows.map((r) => `${r.name} ${r.item}`).sort();
    expect(tagged(dirty.rows)).toEqual(
      tagged([
        { name: "deals", item: "2026-01-01" },
        { name: "deals", item: "2026-03-01" },
        { name: "mrr", item: acct.A },
        { name: "mrr", item: acct.D },
        { name: "pipeline", item: deal.O1 },
      ]),
    );
    const untouched = { accounts: [acct.A, acct.D], deals: [deal.O1], months: ["2026-01-01"] };
    const before = await placements("2026-02-28", untouched);
    expect(before.mrr.length).toBeGreaterThan(0);
    expect(before.pipeline.length).toBeGreaterThan(0);
    expect(before.deals.length).toBeGreaterThan(0);

    for (const query of [{ by: "segment" }, {}] as Array<Record<string, string>>) {
      const april = await both(APRIL, "2026-03-31", query);
      expect(april.rolled).toEqual(april.live);
    }
    const { rolled } = await both(APRIL, "2026-03-31", { by: "segment" });
    // February: A 100 (now mid_market), B 200 (enterprise), C 50 + D 70 (smb).
    expect(series(rolled, "mrr")?.filter((p) => p[0] === "2026-02")).toEqual([
      ["2026-02", "enterprise", 200],
      ["2026-02", "mid_market", 100],
      ["2026-02", "smb", 120],
    ]);
    const total = await both(APRIL, "2026-03-31");
    // March: B 200 → 250, C churns 50, A 100 and D 70 flat: 420.
    expect(values(total.rolled, "mrr")).toEqual([150, 420, 420]);
    expect(values(total.rolled, "new_mrr")).toEqual([150, 270, 0]);
    expect(values(total.rolled, "expansion_mrr")).toEqual([0, 0, 50]);
    expect(values(total.rolled, "churned_mrr")).toEqual([0, 0, 50]);
    // Open at the end of each month: Jan O1 1,000; Feb O1 + O2 5,000 + O4 1,100; Mar O2 + O4.
    expect(values(total.rolled, "open_pipeline")).toEqual([1_000, 7_100, 6_100]);
    // March: O1 won (1,000), O3 lost.
    expect(values(total.rolled, "bookings")).toEqual([0, 0, 1_000]);
    expect(values(total.rolled, "win_rate")).toEqual([null, null, 0.5]);
    expect(values(total.rolled, "pipeline_created")).toEqual([1_000, 6_100, 2_000]);

    // Extended, not rebuilt: no whole build since March's, and the rows of February the writes
    // did not touch were not rewritten.
    const after = await states();
    for (const name of ["deals", "mrr", "pipeline"]) {
      expect(after[name].built_through).toBe("2026-03-31");
      expect(after[name].built_at).toEqual(built[name].built_at);
    }
    expect(await placements("2026-02-28", untouched)).toEqual(before);
  });

  it("add several months at once, a month without any event among them", async () => {
    await both(APRIL, "2026-03-31");
    const built = await states();
    // E subscribes in June, after the months built: only the new months hold it.
    await f.subscription(acct.E, "2026-06-03T00:00:00Z", 3_000);
    const untouched = { accounts: [acct.E], deals: [], months: [] };
    const before = await placements("2026-03-31", untouched);

    for (const query of [{ by: "segment" }, {}] as Array<Record<string, string>>) {
      const july = await both(JULY, "2026-06-30", query);
      expect(july.rolled).toEqual(july.live);
    }
    const { rolled } = await both(JULY, "2026-06-30");
    expect(values(rolled, "mrr")).toEqual([150, 420, 420, 420, 420, 450]);
    expect(values(rolled, "new_mrr")).toEqual([150, 270, 0, 0, 0, 30]);
    expect(values(rolled, "customers")).toEqual([2, 4, 3, 3, 3, 4]);
    // O4 won on 10 June at 1.10; May has no deal closed or opened.
    expect(values(rolled, "bookings")).toEqual([0, 0, 1_000, 0, 0, 1_100]);
    expect(values(rolled, "deals_won")).toEqual([0, 0, 1, 0, 0, 1]);
    expect(values(rolled, "win_rate")).toEqual([null, null, 0.5, null, null, 1]);
    expect(values(rolled, "pipeline_created")).toEqual([1_000, 6_100, 2_000, 0, 0, 0]);
    // O2 stays open past its close date; O4 is open until 10 June.
    expect(values(rolled, "open_pipeline")).toEqual([1_000, 7_100, 6_100, 6_100, 6_100, 5_000]);
    // Quarters add up from the deals pre-aggregate too.
    const quarters = { from: "2026-01-01", to: "2026-06-30", grain: "quarter" };
    const deals = ["bookings", "win_rate", "pipeline_created"];
    const q = await computeMetrics(s.database.db, s.ws.workspace.id, deals, quarters, { now: JULY });
    expect(q).toEqual(
      await computeMetrics(s.database.db, s.ws.workspace.id, deals, quarters, { now: JULY, rollups: false }),
    );
    expect(values(q, "bookings")).toEqual([1_000, 1_100]);

    const after = await states();
    for (const name of ["deals", "mrr", "pipeline"]) {
      expect(after[name].built_through).toBe("2026-06-30");
      expect(after[name].built_at).toEqual(built[name].built_at);
    }
    expect(await placements("2026-03-31", untouched)).toEqual(before);
    const months = await sql<{ month: string }>`select distinct month::text as month from metric_mrr_movements
      where workspace_id = ${s.ws.workspace.id} order by 1`.execute(s.database.db);
    expect(months.rows.map((r) => r.month)).toEqual([
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
    ]);
  });

  it("rebuilds whole when a setting it depends on changed along with the month", async () => {
    await both(JULY, "2026-06-30");
    const built = await states();
    const before = await placed("metric_mrr_movements", "account_id", "2026-06-30");
    await updateMetricSettings(s.database.db, s.ws.workspace.id, { reactivation_window_months: 3 });
    try {
      const august = new Date("2026-08-03T12:00:00Z");
      const read = await both(august, "2026-07-31");
      expect(read.rolled).toEqual(read.live);
      expect(values(read.rolled, "mrr")).toEqual([150, 420, 420, 420, 420, 450, 450]);
      const after = await states();
      expect(after.mrr.built_through).toBe("2026-07-31");
      expect(after.mrr.built_at).not.toEqual(built.mrr.built_at);
      // Every row was written anew.
      const moved = await placed("metric_mrr_movements", "account_id", "2026-06-30");
      expect(moved.length).toBe(before.length);
      expect(moved.filter((r) => before.includes(r))).toEqual([]);
      // The other two do not depend on that setting: extended.
      expect(after.deals.built_at).toEqual(built.deals.built_at);
      expect(after.pipeline.built_at).toEqual(built.pipeline.built_at);
    } finally {
      await updateMetricSettings(s.database.db, s.ws.workspace.id, { reactivation_window_months: null });
    }
  });
});
