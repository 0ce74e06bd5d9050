import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { computeMetrics, drillDown, type MetricResult } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * Deals in a workspace at UTC+2 (Africa/Johannesburg, no daylight saving), reporting in USD.
 * Amounts in USD unless said; EUR→USD is 1.00 from 2026-01-01 and 1.10 from 2026-04-15.
 *
 *  D1 rep1  new      opened 2026-01-05 10:00Z  won  2026-02-04 10:00Z  10,000   (30 days; account touched 2025-12-26 10:00Z)
 *  D2 rep2  new      opened 2026-01-10 10:00Z  lost 2026-03-10 12:00Z   5,000
 *  D3 rep1  new      opened 2026-03-01 22:30Z  won  2026-03-31 23:30Z  20,000   (= 1 Apr 01:30 local: April, Q2; 30 days 1 hour)
 *  D4 rep2  new      opened 2026-02-01 08:00Z, lost 2026-03-15, reopened 2026-04-10, won 2026-05-10 08:00Z  8,000 (98 days)
 *  D5 rep2  new      opened 2026-04-01 10:00Z  won  2026-04-20 10:00Z  10,000 EUR = 11,000 USD at 1.10 (19 days)
 *  D6 rep2  renewal  opened 2026-04-05 00:00Z  won  2026-06-05 00:00Z   3,000   (61 days)
 *  D7 rep2  renewal  opened 2026-04-06 00:00Z  lost 2026-06-20 00:00Z   2,000
 *  D8 rep2  new      opened 2025-12-15, proposal, closing 2026-03-25; slipped on 2026-03-20 to 2026-05-15; open  7,000
 *
 * Bookings targets: team T1 (rep1) 10,000 a month and team T2 (rep2) 5,000 a month → 45,000 a
 * quarter for the company; rep1 also has 30,000 for Q1.
 */
let s: TestServer;
let f: FixtureApi;
const ids: Record<string, string> = {};
const team: Record<string, string> = {};
const rep: Record<string, string> = {};

async function metrics(
  keys: string[],
  query: Record<string, string> = {},
): Promise<Record<string, MetricResult>> {
  const results = await computeMetrics(s.database.db, s.ws.workspace.id, keys, {
    from: "2026-01-01",
    to: "2026-06-30",
    grain: "quarter",
    ...query,
  });
  return Object.fromEntries(results.map((r) => [r.metric.key, r]));
}
const values = (r: MetricResult) => r.series.map((p) => p.value);

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  await sql`update workspaces set timezone = 'Africa/Johannesburg' where id = ${s.ws.workspace.id}`.execute(
    s.database.db,
  );
  await f.fxRate("EUR", "USD", 1.0, "2026-01-01");
  await f.fxRate("EUR", "USD", 1.1, "2026-04-15");
  team.T1 = (await f.post("/api/teams", { name: "T1", kind: "sales" })).id as string;
  team.T2 = (await f.post("/api/teams", { name: "T2", kind: "sales" })).id as string;
  for (const [name, t] of [
    ["rep1", team.T1],
    ["rep2", team.T2],
  ]) {
    const user = await f.post("/api/users", {
      email: `${name}@example.com`,
      name,
      role: "sales_rep",
      password: "a-long-password-1",
      team_id: t,
    });
    rep[name] = user.id as string;
  }
  const account = await f.account("Acme", { segment: "enterprise" });
  const other = await f.account("Globex", { segment: "smb" });
  await f.post("/api/touchpoints", {
    kind: "web_visit",
    occurred_at: "2025-12-26T10:00:00Z",
    account_id: account.id,
  });

  const deal = async (key: string, body: Record<string, unknown>) => {
    const created = await f.post("/api/opportunities", { name: key, currency: "USD", type: "new", ...body });
    ids[key] = created.id as string;
    return created;
  };
  const won = { stage: "closed won" };
  await deal("D1", {
    ...won,
    account_id: account.id,
    owner_id: rep.rep1,
    amount_minor: 1_000_000,
    opened_at: "2026-01-05T10:00:00Z",
    closed_at: "2026-02-04T10:00:00Z",
  });
  await deal("D2", {
    stage: "closed lost",
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 500_000,
    opened_at: "2026-01-10T10:00:00Z",
    closed_at: "2026-03-10T12:00:00Z",
  });
  // D3 goes through the write path: open, then won at 23:30 UTC on the last day of March.
  await deal("D3", {
    stage: "negotiation",
    account_id: other.id,
    owner_id: rep.rep1,
    amount_minor: 2_000_000,
    close_date: "2026-03-31",
    opened_at: "2026-03-01T22:30:00Z",
  });
  await f.patch(`/api/opportunities/${ids.D3}`, { stage: "closed won", closed_at: "2026-03-31T23:30:00Z" });
  // D4: lost, reopened, won — each step through PATCH, with the dated history of when it happened.
  await deal("D4", {
    stage: "negotiation",
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 800_000,
    close_date: "2026-03-31",
    opened_at: "2026-02-01T08:00:00Z",
  });
  await f.patch(`/api/opportunities/${ids.D4}`, { stage: "closed lost", closed_at: "2026-03-15T10:00:00Z" });
  const reopened = await f.patch(`/api/opportunities/${ids.D4}`, { stage: "negotiation", status: "open" });
  expect(reopened).toMatchObject({ status: "open", closed_at: null });
  const final = await f.patch(`/api/opportunities/${ids.D4}`, {
    stage: "closed won",
    closed_at: "2026-05-10T08:00:00Z",
  });
  expect(final).toMatchObject({ status: "won" });
  await f.post("/api/opportunity-stage-history/bulk", {
    source: "crm",
    records: [
      {
        external_id: "d4-lost",
        opportunity_id: ids.D4,
        from_stage: "negotiation",
        to_stage: "closed lost",
        amount_minor: 800_000,
        currency: "USD",
        close_date: "2026-03-15",
        changed_at: "2026-03-15T10:00:00Z",
      },
      {
        external_id: "d4-reopen",
        opportunity_id: ids.D4,
        from_stage: "closed lost",
        to_stage: "negotiation",
        amount_minor: 800_000,
        currency: "USD",
        close_date: "2026-05-31",
        changed_at: "2026-04-10T10:00:00Z",
      },
      {
        external_id: "d4-won",
        opportunity_id: ids.D4,
        from_stage: "negotiation",
        to_stage: "closed won",
        amount_minor: 800_000,
        currency: "USD",
        close_date: "2026-05-10",
        changed_at: "2026-05-10T08:00:00Z",
      },
    ],
  });
  await deal("D5", {
    ...won,
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 1_000_000,
    currency: "EUR",
    opened_at: "2026-04-01T10:00:00Z",
    closed_at: "2026-04-20T10:00:00Z",
  });
  await deal("D6", {
    ...won,
    type: "renewal",
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 300_000,
    opened_at: "2026-04-05T00:00:00Z",
    closed_at: "2026-06-05T00:00:00Z",
  });
  await deal("D7", {
    stage: "closed lost",
    type: "renewal",
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 200_000,
    opened_at: "2026-04-06T00:00:00Z",
    closed_at: "2026-06-20T00:00:00Z",
  });
  await deal("D8", {
    stage: "proposal",
    account_id: other.id,
    owner_id: rep.rep2,
    amount_minor: 700_000,
    close_date: "2026-03-25",
    opened_at: "2025-12-15T09:00:00Z",
  });
  await f.post("/api/opportunity-stage-history", {
    opportunity_id: ids.D8,
    from_stage: "proposal",
    to_stage: "proposal",
    amount_minor: 700_000,
    currency: "USD",
    close_date: "2026-05-15",
    changed_at: "2026-03-20T09:00:00Z",
  });

  const targets = [];
  for (const month of ["01", "02", "03", "04", "05", "06"]) {
    const end = { "01": "31", "02": "28", "03": "31", "04": "30", "05": "31", "06": "30" }[month];
    targets.push({
      external_id: `t1-${month}`,
      kpi: "bookings",
      period_start: `2026-${month}-01`,
      period_end: `2026-${month}-${end}`,
      value: 1_000_000,
      currency: "USD",
      team_id: team.T1,
    });
    targets.push({
      external_id: `t2-${month}`,
      kpi: "bookings",
      period_start: `2026-${month}-01`,
      period_end: `2026-${month}-${end}`,
      value: 500_000,
      currency: "USD",
      team_id: team.T2,
    });
  }
  targets.push({
    external_id: "rep1-q1",
    kpi: "bookings",
    period_start: "2026-01-01",
    period_end: "2026-03-31",
    value: 3_000_000,
    currency: "USD",
    team_id: team.T1,
    user_id: rep.rep1,
  });
  await f.post("/api/targets/bulk", { source: "plan", records: targets });
});
afterAll(() => s?.close());

describe("sales KPIs", () => {
  it("counts each deal once by its final outcome, in the quarter it finally closed (workspace time zone)", async () => {
    const r = await metrics([
      "bookings",
      "deals_won",
      "win_rate",
      "win_rate_value",
      "avg_deal_size",
      "sales_cycle_days",
    ]);
    // Q1: D1 won 10,000, D2 lost 5,000. D4's loss in March was undone. D3 was won on 1 Apr local time.
    // Q2: D3 20,000 + D4 8,000 + D5 11,000 + D6 3,000 won; D7 2,000 lost.
    expect(values(r.bookings)).toEqual([10_000, 42_000]);
    expect(values(r.deals_won)).toEqual([1, 4]);
    expect(values(r.win_rate)).toEqual([0.5, 0.8]);
    expect(r.win_rate_value.series[0].value).toBeCloseTo(10_000 / 15_000, 10);
    expect(r.win_rate_value.series[1].value).toBeCloseTo(42_000 / 44_000, 10);
    expect(values(r.avg_deal_size)).toEqual([10_000, 10_500]);
    // Cycle: Q1 30 days; Q2 (30 1/24 + 98 + 19 + 61) / 4 = 52.0104 days.
    expect(r.sales_cycle_days.series[0].value).toBeCloseTo(30, 10);
    expect(r.sales_cycle_days.series[1].value).toBeCloseTo((30 + 1 / 24 + 98 + 19 + 61) / 4, 10);
  });

  it("places a deal won at 23:30 UTC on 31 March in April for a UTC+2 workspace, in March for a UTC one", async () => {
    const local = await metrics(["bookings"], { grain: "month", from: "2026-03-01", to: "2026-04-30" });
    expect(values(local.bookings)).toEqual([0, 31_000]);
    await sql`update workspaces set timezone = 'UTC' where id = ${s.ws.workspace.id}`.execute(s.database.db);
    try {
      const utc = await metrics(["bookings"], { grain: "month", from: "2026-03-01", to: "2026-04-30" });
      expect(values(utc.bookings)).toEqual([20_000, 11_000]);
    } finally {
      await sql`update workspaces set timezone = 'Africa/Johannesburg' where id = ${s.ws.workspace.id}`.execute(
        s.database.db,
      );
    }
  });

  it("reads renewal rate and the cycle from the first touch", async () => {
    const r = await metrics(["renewal_rate", "first_touch_to_win_days"]);
    expect(values(r.renewal_rate)).toEqual([null, 0.5]);
    // D1: touched 2025-12-26 10:00Z, won 2026-02-04 10:00Z = 40 days; no Q2 winner's account was touched.
    expect(r.first_touch_to_win_days.series[0].value).toBeCloseTo(40, 10);
    expect(r.first_touch_to_win_days.series[1].value).toBeNull();
  });

  it("measures bookings against targets: team targets add up to the company's, prorated into periods", async () => {
    const r = await metrics(["bookings"]);
    expect(r.bookings.series.map((p) => [p.target, p.attainment])).toEqual([
      [45_000, 10_000 / 45_000],
      [45_000, 42_000 / 45_000],
    ]);
    const monthly = await metrics(["bookings"], {
      grain: "month",
      from: "2026-02-01",
      to: "2026-02-28",
      by: "owner",
    });
    // rep1's Q1 target of 30,000 prorated to February: 30,000 × 28 / 90 days.
    const rep1 = monthly.bookings.series.find((p) => p.group === rep.rep1);
    expect(rep1).toMatchObject({ value: 10_000, label: "rep1" });
    expect(rep1?.target).toBeCloseTo((30_000 * 28) / 90, 2);
    const byTeam = await metrics(["bookings"], { by: "team" });
    expect(byTeam.bookings.series.map((p) => [p.group, p.period, p.value, p.target])).toEqual([
      [team.T1, "2026-Q1", 10_000, 30_000],
      [team.T1, "2026-Q2", 20_000, 30_000],
      [team.T2, "2026-Q1", 0, 15_000],
      [team.T2, "2026-Q2", 22_000, 15_000],
    ]);
  });

  it("reads pipeline as the stage history had it: created, open, coverage at the quarter start, velocity", async () => {
    const r = await metrics(["pipeline_created", "open_pipeline", "pipeline_coverage", "pipeline_velocity"]);
    // Opened in Q1: D1 10,000 + D2 5,000 + D3 20,000 (2 Mar local) + D4 8,000; in Q2: D5 10,000 EUR at 1.00
    // (the rate on 1 April) + D6 3,000 + D7 2,000.
    expect(values(r.pipeline_created)).toEqual([43_000, 15_000]);
    // Open at the end of Q1 (1 Apr 00:00 local): D3 20,000 (won 1:30 later) and D8 7,000; at the end of Q2: D8.
    expect(values(r.open_pipeline)).toEqual([27_000, 7_000]);
    // Coverage: at the start of Q1, D8 was due to close on 25 March (Q1); on 20 March it slipped to
    // 15 May, so at the start of Q2 it is Q2's. D4 was lost (per its history) when Q2 began.
    expect(r.pipeline_coverage.series[0].value).toBeCloseTo(7_000 / 45_000, 10);
    expect(r.pipeline_coverage.series[1].value).toBeCloseTo(7_000 / 45_000, 10);
    // Velocity Q1: 2 qualified open deals (D3 negotiation, D8 proposal) × 0.5 × 10,000 ÷ 30 days.
    expect(r.pipeline_velocity.series[0].value).toBeCloseTo((2 * 0.5 * 10_000) / 30, 2);
  });

  it("reads month-end pipeline the same from the monthly pre-aggregate as live", async () => {
    const keys = ["open_pipeline", "pipeline_coverage", "pipeline_velocity", "mrr"];
    const query = { from: "2026-01-01", to: "2026-06-30", grain: "month", by: "team" };
    const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, keys, query);
    const live = await computeMetrics(s.database.db, s.ws.workspace.id, keys, query, { rollups: false });
    expect(rolled).toEqual(live);
    // End of March (local): D3 (20,000, won 1:30 later) and D8 (7,000) open.
    const march = rolled[0].series.filter((p) => p.period === "2026-03");
    expect(march.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(27_000);
  });

  it("drills down to the deals behind a value", async () => {
    const won = await drillDown(s.database.db, s.ws.workspace.id, "bookings", {
      period: "2026-Q2",
      grain: "quarter",
    });
    expect(won.total).toBe(4);
    // In the order they were won.
    expect(won.records.map((d) => [d.id, d.amount])).toEqual([
      [ids.D3, 20_000],
      [ids.D5, 11_000],
      [ids.D4, 8_000],
      [ids.D6, 3_000],
    ]);
    const decided = await drillDown(s.database.db, s.ws.workspace.id, "win_rate", {
      period: "2026-Q1",
      grain: "quarter",
    });
    expect(decided.records.map((d) => [d.id, d.role])).toEqual([
      [ids.D1, "won"],
      [ids.D2, "lost"],
    ]);
    const slipped = await drillDown(s.database.db, s.ws.workspace.id, "pipeline_coverage", {
      period: "2026-Q2",
      grain: "quarter",
    });
    expect(slipped.records.map((d) => [d.id, d.close_date_then, d.amount])).toEqual([
      [ids.D8, "2026-05-15", 7_000],
    ]);
  });

  it("serves the series and the records over HTTP", async () => {
    const res = await request(
      s.app,
      "GET",
      "/api/metrics/win_rate?from=2026-01-01&to=2026-06-30&grain=quarter&by=owner",
      s.keys.viewer,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      metric: { key: "win_rate", unit: "rate", indicator: "lagging" },
      grain: "quarter",
      from: "2026-01-01",
      to: "2026-06-30",
      currency: "USD",
      by: "owner",
    });
    expect(res.body.series).toContainEqual(
      expect.objectContaining({ period: "2026-Q1", group: rep.rep1, label: "rep1", value: 1 }),
    );
    const records = await request(
      s.app,
      "GET",
      `/api/metrics/bookings/records?period=2026-04&by=owner&group=${rep.rep1}`,
      s.keys.viewer,
    );
    expect(records.status).toBe(200);
    expect(records.body.records.map((d: { id: string }) => d.id)).toEqual([ids.D3]);
  });
});

describe("the monthly deals pre-aggregate", () => {
  const DEAL_KPIS = [
    "bookings",
    "deals_won",
    "win_rate",
    "win_rate_value",
    "avg_deal_size",
    "sales_cycle_days",
    "renewal_rate",
    "pipeline_created",
  ];
  const both = async (query: Record<string, unknown>, now?: Date) => {
    const q = { from: "2026-01-01", to: "2026-06-30", grain: "month", ...query };
    const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, DEAL_KPIS, q, { now });
    const live = await computeMetrics(s.database.db, s.ws.workspace.id, DEAL_KPIS, q, {
      now,
      rollups: false,
    });
    return { rolled, live };
  };
  const series = (results: MetricResult[], key: string) =>
    results.find((r) => r.metric.key === key)?.series.map((p) => [p.period, p.group ?? null, p.value]);

  it("gives the live numbers by month, quarter and year, sliced by segment, region, owner and team", async () => {
    for (const query of [
      {},
      { by: "segment" },
      { by: "region" },
      { by: "owner" },
      { by: "team" },
      { by: "segment", filter: `owner:${rep.rep2}` },
      { grain: "quarter", by: "team", filter: "segment:smb|(none)" },
      { grain: "quarter", by: "owner", filter: `team:${team.T2},region:(none)` },
      { grain: "year", from: "2025-01-01", to: "2026-12-31" },
    ]) {
      const { rolled, live } = await both(query);
      expect(rolled).toEqual(live);
    }
    const { rolled } = await both({ by: "segment" });
    // Won by month (local): Feb D1 10,000 (enterprise); Apr D3 20,000 + D5 11,000; May D4 8,000; Jun D6 3,000 (smb).
    expect(series(rolled, "bookings")).toEqual([
      ["2026-01", "enterprise", 0],
      ["2026-02", "enterprise", 10_000],
      ["2026-03", "enterprise", 0],
      ["2026-04", "enterprise", 0],
      ["2026-05", "enterprise", 0],
      ["2026-06", "enterprise", 0],
      ["2026-01", "smb", 0],
      ["2026-02", "smb", 0],
      ["2026-03", "smb", 0],
      ["2026-04", "smb", 31_000],
      ["2026-05", "smb", 8_000],
      ["2026-06", "smb", 3_000],
    ]);
  });

  it("sums month-end pipeline per segment and region as live, at each month's start and end", async () => {
    const keys = ["open_pipeline", "pipeline_velocity"];
    for (const query of [{}, { by: "segment" }, { by: "region", filter: "segment:smb" }]) {
      const q = { from: "2026-01-01", to: "2026-06-30", grain: "month", ...query };
      const rolled = await computeMetrics(s.database.db, s.ws.workspace.id, keys, q);
      const live = await computeMetrics(s.database.db, s.ws.workspace.id, keys, q, { rollups: false });
      expect(rolled).toEqual(live);
    }
    const q = { from: "2026-01-01", to: "2026-06-30", grain: "month", by: "segment" };
    // Coverage reads the deals open at each month's start (the month before's end), sliced by team or owner only.
    const coverage = ["pipeline_coverage"];
    expect(await computeMetrics(s.database.db, s.ws.workspace.id, coverage, { ...q, by: undefined })).toEqual(
      await computeMetrics(
        s.database.db,
        s.ws.workspace.id,
        coverage,
        { ...q, by: undefined },
        { rollups: false },
      ),
    );
    const [open] = await computeMetrics(s.database.db, s.ws.workspace.id, ["open_pipeline"], q);
    // End of March (local): D3 20,000 and D8 7,000, both Globex's (smb).
    expect(open.series.find((p) => p.period === "2026-03" && p.group === "smb")?.value).toBe(27_000);
  });

  it("reads complete months from it and the month under way live", async () => {
    // On 20 April 2026 (local): January to March are complete; April is read live as it stands.
    const now = new Date("2026-04-20T12:00:00Z");
    const { rolled, live } = await both({ from: "2026-01-01", to: "2026-04-30", by: "owner" }, now);
    expect(rolled).toEqual(live);
    // D3 (won 1 Apr 01:30 local) and D5 (won 20 Apr 10:00Z, before noon) are April's so far.
    const april = rolled[0].series.filter((p) => p.period === "2026-04");
    expect(april.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(31_000);
  });

  it("follows each write by rebuilding only the months it touched", async () => {
    await both({});
    const monthsHeld = async () =>
      (
        await sql<{
          month: string;
          rows: number;
        }>`select month::text, count(*)::int as rows from metric_deal_months
          where workspace_id = ${s.ws.workspace.id} group by 1 order by 1`.execute(s.database.db)
      ).rows;
    const before = await monthsHeld();
    const built = async () =>
      (
        await sql<{
          built_at: Date;
        }>`select built_at from metric_rollup_state where workspace_id = ${s.ws.workspace.id} and name = 'deals'`.execute(
          s.database.db,
        )
      ).rows[0].built_at;
    const builtAt = await built();
    const other = await f.account("Initech", { segment: "mid_market" });
    const extra = await f.post("/api/opportunities", {
      name: "D9",
      currency: "USD",
      type: "new",
      stage: "closed won",
      account_id: other.id,
      owner_id: rep.rep1,
      amount_minor: 400_000,
      opened_at: "2026-02-10T10:00:00Z",
      closed_at: "2026-03-02T10:00:00Z",
    });
    try {
      const dirty = await sql<{ item: string }>`select item from metric_rollup_dirty
        where workspace_id = ${s.ws.workspace.id} and name = 'deals' order by item`.execute(s.database.db);
      expect(dirty.rows.map((r) => r.item)).toEqual(["2026-02-01", "2026-03-01"]);
      const { rolled, live } = await both({ by: "segment" });
      expect(rolled).toEqual(live);
      expect(series(rolled, "bookings")).toContainEqual(["2026-03", "mid_market", 4_000]);
      expect(series(rolled, "pipeline_created")).toContainEqual(["2026-02", "mid_market", 4_000]);
      // Only February and March were rewritten (a new segment row each); the table was not rebuilt.
      expect(await built()).toEqual(builtAt);
      const after = await monthsHeld();
      expect(after.filter((m) => m.month !== "2026-02-01" && m.month !== "2026-03-01")).toEqual(
        before.filter((m) => m.month !== "2026-02-01" && m.month !== "2026-03-01"),
      );
      // The account moving segment moves its deals.
      await f.patch(`/api/accounts/${other.id}`, { segment: "enterprise" });
      const moved = await both({ by: "segment" });
      expect(moved.rolled).toEqual(moved.live);
      const pipeline = ["open_pipeline", "pipeline_velocity"];
      const q = { from: "2026-01-01", to: "2026-06-30", grain: "month", by: "segment" };
      expect(await computeMetrics(s.database.db, s.ws.workspace.id, pipeline, q)).toEqual(
        await computeMetrics(s.database.db, s.ws.workspace.id, pipeline, q, { rollups: false }),
      );
      expect(series(moved.rolled, "bookings")).toContainEqual(["2026-03", "enterprise", 4_000]);
    } finally {
      const res = await request(s.app, "DELETE", `/api/opportunities/${extra.id}`, s.keys.admin);
      expect(res.status).toBeLessThan(300);
    }
    const { rolled, live } = await both({ by: "segment" });
    expect(rolled).toEqual(live);
    expect(series(rolled, "bookings")).toContainEqual(["2026-03", "enterprise", 0]);
  });

  it("leaves a month with a deal in a currency without a rate to the live path, which names it", async () => {
    await both({});
    const buyer = await f.account("Umbrella", { segment: "smb" });
    const extra = await f.post("/api/opportunities", {
      name: "D10",
      currency: "JPY",
      type: "new",
      stage: "closed won",
      account_id: buyer.id,
      owner_id: rep.rep1,
      amount_minor: 100_000,
      opened_at: "2026-02-10T10:00:00Z",
      closed_at: "2026-02-20T10:00:00Z",
    });
    try {
      await expect(both({})).rejects.toThrow(/JPY/);
    } finally {
      const res = await request(s.app, "DELETE", `/api/opportunities/${extra.id}`, s.keys.admin);
      expect(res.status).toBeLessThan(300);
    }
    const { rolled, live } = await both({});
    expect(rolled).toEqual(live);
  });
});
