import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { createUser } from "../auth/index.ts";
import type { Db } from "../db/types.ts";
import { recordForecastSnapshots } from "../metrics/index.ts";
import {
  forecastAccuracy,
  forecastAccuracyByGroup,
  periodForecastReport,
  runBacktest,
  snapshotIfDue,
  takeForecastSnapshots,
} from "./index.ts";

/*
 * A UTC workspace reporting in USD; "today" is 2026-11-15 where a test fixes it. Too little
 * history for the model (8 closed deals), so every method uses stage probabilities.
 * - c0…c5 (owner Ann) opened in proposal Jan 1 2026, closed Feb 1: c0–c3 won 100.00 each, c4–c5
 *   lost → proposal wins 4/6; 2026-Q1 bookings 400.00.
 * - D (Ann) opened Jun 1 in qualification, 500.00 due Aug 15, won Sep 1 (2026-Q3 bookings 500.00).
 * - W1 (Ann) opened Oct 1 in negotiation, won Oct 10: 1,000.00 closed in Q4.
 * - Open, in proposal: A (Ann) 600.00 due Nov 30, commit, since Nov 1; B (Bob) 300.00 due Oct 31
 *   (overdue → this quarter), best case, since Oct 1; C (Bob) 900.00 due Jan 15 2027, since Nov 10.
 * Q4 weighted = 1,000 + (600 + 300) × 4/6 = 1,600. Model (stage fallback; expected close =
 * entry + 31 days, the winners' median from proposal, never before today: all three in Q4) =
 * 1,000 + 1,800 × 4/6 = 2,200. Stage conversion: too few deals through proposal to time it, so
 * 4/6 × the share of wins that took ≤ 47 days (c0–c3 31 days, W1 9, D 92 → 5/6):
 * 1,000 + 1,800 × 4/6 × 5/6 = 2,000.
 * Ann is in team North, Bob in team South.
 */
let s: TestServer;
let db: Db;
let ws: string;
let ann: string;
let bob: string;
const NORTH = "team_north";
const SOUTH = "team_south";
const NOW = new Date("2026-11-15T00:00:00Z");
const ts = (iso: string) => new Date(iso);

async function addDeal(
  workspaceId: string,
  id: string,
  owner: string,
  opened: string,
  changes: Array<[string, string, number, string, string]>,
  outcome?: { status: "won" | "lost"; at: string },
) {
  const last = changes[changes.length - 1];
  await db
    .insertInto("opportunities")
    .values({
      workspace_id: workspaceId,
      id,
      name: `Deal ${id}`,
      type: "new",
      stage: outcome ? (outcome.status === "won" ? "closed_won" : "closed_lost") : last[1],
      status: outcome?.status ?? "open",
      amount_minor: last[2],
      currency: "USD",
      close_date: last[3],
      forecast_category: outcome ? (outcome.status === "won" ? "closed" : "omitted") : last[4],
      opened_at: ts(opened),
      closed_at: outcome ? ts(outcome.at) : null,
      owner_id: owner,
    })
    .execute();
  const rows = changes.map(([at, stage, amount, closeDate, category], i) => ({
    workspace_id: workspaceId,
    id: `${id}_h${i}`,
    opportunity_id: id,
    to_stage: stage,
    amount_minor: amount,
    currency: "USD",
    close_date: closeDate,
    forecast_category: category,
    changed_at: ts(at),
  }));
  if (outcome) {
    rows.push({
      ...rows[rows.length - 1],
      id: `${id}_close`,
      to_stage: outcome.status === "won" ? "closed_won" : "closed_lost",
      changed_at: ts(outcome.at),
    });
  }
  await db.insertInto("opportunity_stage_history").values(rows).execute();
}

beforeAll(async () => {
  s = await openTestServer();
  db = s.database.db;
  ws = s.ws.workspace.id;
  await db
    .updateTable("workspaces")
    .set({ timezone: "UTC", reporting_currency: "USD" })
    .where("id", "=", ws)
    .execute();
  const user = (name: string) =>
    createUser(db, s.ws.admin, {
      email: `${name}@forecast.test`,
      name,
      role: "sales_rep",
      password: "correct-horse-battery",
    });
  ann = (await user("Ann")).id as string;
  bob = (await user("Bob")).id as string;
  await db
    .insertInto("teams")
    .values([
      { workspace_id: ws, id: NORTH, name: "North", kind: "sales" },
      { workspace_id: ws, id: SOUTH, name: "South", kind: "sales" },
    ])
    .execute();
  await db.updateTable("users").set({ team_id: NORTH }).where("id", "=", ann).execute();
  await db.updateTable("users").set({ team_id: SOUTH }).where("id", "=", bob).execute();
  for (let i = 0; i < 6; i++) {
    await addDeal(
      ws,
      `c${i}`,
      ann,
      "2026-01-01T00:00:00Z",
      [["2026-01-01T00:00:00Z", "proposal", 100_00, "2026-02-01", "best_case"]],
      {
        status: i < 4 ? "won" : "lost",
        at: "2026-02-01T00:00:00Z",
      },
    );
  }
  await addDeal(
    ws,
    "d",
    ann,
    "2026-06-01T00:00:00Z",
    [["2026-06-01T00:00:00Z", "qualification", 500_00, "2026-08-15", "pipeline"]],
    {
      status: "won",
      at: "2026-09-01T00:00:00Z",
    },
  );
  await addDeal(
    ws,
    "w1",
    ann,
    "2026-10-01T00:00:00Z",
    [["2026-10-01T00:00:00Z", "negotiation", 1000_00, "2026-10-15", "commit"]],
    {
      status: "won",
      at: "2026-10-10T00:00:00Z",
    },
  );
  await addDeal(ws, "a", ann, "2026-11-01T00:00:00Z", [
    ["2026-11-01T00:00:00Z", "proposal", 600_00, "2026-11-30", "commit"],
  ]);
  await addDeal(ws, "b", bob, "2026-10-01T00:00:00Z", [
    ["2026-10-01T00:00:00Z", "proposal", 300_00, "2026-10-31", "best_case"],
  ]);
  await addDeal(ws, "c", bob, "2026-11-10T00:00:00Z", [
    ["2026-11-10T00:00:00Z", "proposal", 900_00, "2027-01-15", "pipeline"],
  ]);
}, 60_000);

afterAll(async () => {
  await s?.close();
});

describe("period forecast from the database (by hand)", () => {
  it("shows closed, each method, categories and the latest call, per company and per owner", async () => {
    const company = await periodForecastReport(db, ws, { period: "2026Q4" }, { now: NOW });
    expect(company).toMatchObject({
      period: "2026-Q4",
      by: "company",
      currency: "USD",
      headline_method: "weighted",
    });
    expect(company.model).toEqual({
      method: "stage_fallback",
      reason: "8 closed deals; the model needs at least 200",
    });
    const [g] = company.groups;
    expect(g.closed).toBe(1000);
    expect(g.methods).toEqual({ weighted: 1600, stage_conversion: 2000, model: 2200 });
    expect(g.categories).toEqual({
      closed: 1000,
      commit: 600,
      best_case: 300,
      pipeline: 0,
      commit_total: 1600,
      best_case_total: 1900,
    });
    expect(g.forecast).toBe(1600);

    const byOwner = await periodForecastReport(db, ws, { period: "2026-Q4", by: "owner" }, { now: NOW });
    const rows = byOwner.groups
      .map((x) => [x.label, x.closed, x.methods.weighted])
      .sort((x, y) => (x[0] < y[0] ? -1 : 1));
    expect(rows).toEqual([
      ["Ann", 1000, 1400],
      ["Bob", 0, 200],
    ]);
  });

  it("takes submitted calls through the API and shows the latest beside the model", async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      request(s.app, "POST", "/api/forecast/calls", headers, body);
    const first = await post(s.keys.sales_ops, { period: "2026Q4", amount: 1200 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      period: "2026-Q4",
      scope: "company",
      scope_id: null,
      amount: 1200,
      currency: "USD",
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(
      (await post(s.keys.admin, { period: "2026Q4", amount: 1500, note: "Ann's big deal" })).status,
    ).toBe(201);
    expect(
      (await post(s.keys.admin, { period: "2026Q4", scope: "owner", scope_id: bob, amount: 250 })).status,
    ).toBe(201);
    const company = await periodForecastReport(db, ws, { period: "2026Q4" }, { now: NOW });
    expect(company.groups[0].call).toMatchObject({ amount: 1500, note: "Ann's big deal" });
    const byOwner = await periodForecastReport(db, ws, { period: "2026Q4", by: "owner" }, { now: NOW });
    expect(byOwner.groups.find((x) => x.label === "Bob")?.call?.amount).toBe(250);
    expect(byOwner.groups.find((x) => x.label === "Ann")?.call).toBeNull();
  });

  it("refuses bad calls naming the field, and lets reps call only for themselves", async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      request(s.app, "POST", "/api/forecast/calls", headers, body);
    const cases: Array<[unknown, string]> = [
      [{ period: "2026Q5", amount: 1 }, "period"],
      [{ period: "2026Q4", amount: -1 }, "amount"],
      [{ period: "2026Q4" }, "amount"],
      [{ period: "2026Q4", amount: 1, scope: "team" }, "scope_id"],
      [{ period: "2026Q4", amount: 1, scope_id: ann }, "scope_id"],
      [{ period: "2026Q4", amount: 1, colour: "red" }, "colour"],
    ];
    for (const [body, field] of cases) {
      const res = await post(s.keys.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const otherUser = s.other.ws.admin.id as string;
    const foreign = await post(s.keys.admin, {
      period: "2026Q4",
      amount: 1,
      scope: "owner",
      scope_id: otherUser,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.field).toBe("scope_id");
    expect((await post(s.keys.sales_rep, { period: "2026Q4", amount: 1 })).status).toBe(403);
  });
});

describe("forecast API", () => {
  it("answers 422 naming the field for a bad period, grouping, metric or horizon", async () => {
    const cases: Array<[string, string]> = [
      ["/api/forecast?period=2026Q5", "period"],
      ["/api/forecast?period=Q4", "period"],
      ["/api/forecast?by=region", "by"],
      ["/api/forecast/series?metric=churn", "metric"],
      ["/api/forecast/series?horizon=0", "horizon"],
      ["/api/forecast/deals?limit=5000", "limit"],
      ["/api/forecast/backtest?quarters=99", "quarters"],
      ["/api/forecast/accuracy?quarters=x", "quarters"],
      ["/api/forecast/accuracy?by=bogus", "by"],
      ["/api/forecast/accuracy?by=region&quarters=2", "by"],
    ];
    for (const [url, field] of cases) {
      const res = await request(s.app, "GET", url, s.keys.admin);
      expect(res.status, url).toBe(422);
      expect(res.body.error.field, url).toBe(field);
    }
  });

  it("lists open deals with probability, expected close and the fallback, and says why", async () => {
    const deals = await request(s.app, "GET", "/api/forecast/deals", s.keys.viewer);
    expect(deals.status).toBe(200);
    expect(deals.body).toMatchObject({
      method: "stage_fallback",
      reason: "8 closed deals; the model needs at least 200",
      total: 3,
    });
    const c = deals.body.data.find((d: { id: string }) => d.id === "c");
    expect(c).toMatchObject({
      owner: "Bob",
      stage: "proposal",
      amount: 900,
      method: "stage_fallback",
      close_date: "2027-01-15",
    });
    expect(c.probability).toBeCloseTo(4 / 6, 4);
    // Largest expected value first.
    expect(deals.body.data.map((d: { id: string }) => d.id)).toEqual(["c", "a", "b"]);
    const model = await request(s.app, "GET", "/api/forecast/model", s.keys.viewer);
    expect(model.body).toMatchObject({
      method: "stage_fallback",
      fallback: true,
      counts: { closed: 8, won: 6, lost: 2 },
    });
    expect(model.body.stages.find((x: { stage: string }) => x.stage === "proposal")).toMatchObject({
      probability: 0.6667,
      source: "history",
      median_days_to_close: 31,
    });
  });

  it("keeps workspaces apart", async () => {
    const deals = await request(s.app, "GET", "/api/forecast/deals", s.other.headers);
    expect(deals.body.total).toBe(0);
    const forecast = await request(s.app, "GET", "/api/forecast?by=owner", s.other.headers);
    expect(forecast.status).toBe(200);
    expect(forecast.body.groups).toEqual([]);
    const company = await request(s.app, "GET", "/api/forecast", s.other.headers);
    expect(company.body.groups[0]).toMatchObject({ closed: 0, call: null, forecast: 0 });
  });

  it("forecasts bookings months ahead with an interval", async () => {
    const res = await request(s.app, "GET", "/api/forecast/series?metric=bookings&horizon=3", s.keys.admin);
    expect(res.status).toBe(200);
    expect(res.body.forecast).toHaveLength(3);
    for (const p of res.body.forecast) {
      expect(p.lower).toBeLessThanOrEqual(p.value);
      expect(p.upper).toBeGreaterThanOrEqual(p.value);
      expect(p.lower).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("snapshots and accuracy", () => {
  it("snapshots on demand every method and the headline, and on schedule once a week", async () => {
    const res = await request(s.app, "POST", "/api/forecast/snapshots", s.keys.sales_rep, {});
    expect(res.status).toBe(403);
    const taken = await takeForecastSnapshots(db, ws, { now: NOW });
    expect(taken.headline_method).toBe("weighted");
    const rows = await db
      .selectFrom("forecast_snapshots")
      .selectAll()
      .where("workspace_id", "=", ws)
      .where("taken_at", "=", NOW)
      .where("period_start", "=", "2026-10-01")
      .execute();
    const byKey = Object.fromEntries(rows.map((r) => [`${r.scope}/${r.method}`, Number(r.forecast_value)]));
    expect(byKey).toMatchObject({
      "company/weighted": 1600_00,
      "company:methods/weighted": 1600_00,
      "company:methods/stage_conversion": 2000_00,
      "company:methods/model": 2200_00,
      "company:methods/call": 1500_00,
    });
    expect(byKey["company:methods/series"]).toBeGreaterThan(0);
    // Per team and owner, the headline method (weighted) and the latest call: Ann (North) 1,000
    // won + 600 × 4/6 = 1,400.00; Bob (South) 300 × 4/6 = 200.00 and his call of 250.00. Nobody
    // called for a team, and no group stands for "no team" (every deal's owner has one).
    const groups = Object.fromEntries(
      Object.entries(byKey).filter(([k]) => k.startsWith("team:") || k.startsWith("owner:")),
    );
    expect(groups).toEqual({
      [`team:${NORTH}/weighted`]: 1400_00,
      [`team:${SOUTH}/weighted`]: 200_00,
      [`owner:${ann}/weighted`]: 1400_00,
      [`owner:${bob}/weighted`]: 200_00,
      [`owner:${bob}/call`]: 250_00,
    });
    // Next quarter (2027-Q1): only Bob's C (900.00 due Jan 15) is due → 600.00; Ann has open deals, none due.
    const next = await db
      .selectFrom("forecast_snapshots")
      .select(["scope", "forecast_value"])
      .where("workspace_id", "=", ws)
      .where("taken_at", "=", NOW)
      .where("period_start", "=", "2027-01-01")
      .where("scope", "like", "team:%")
      .orderBy("scope")
      .execute();
    expect(next.map((r) => [r.scope, Number(r.forecast_value)])).toEqual([
      [`team:${NORTH}`, 0],
      [`team:${SOUTH}`, 600_00],
    ]);
    // The schedule: nothing more this week, one the next week.
    expect(await snapshotIfDue(db, ws, { now: new Date("2026-11-16T12:00:00Z") })).toBe(true);
    expect(await snapshotIfDue(db, ws, { now: new Date("2026-11-18T12:00:00Z") })).toBe(false);
    // Two schedules racing (two servers): one takes the week's snapshot, the other none.
    const race = await Promise.all([
      snapshotIfDue(db, ws, { now: new Date("2026-11-23T01:00:00Z") }),
      snapshotIfDue(db, ws, { now: new Date("2026-11-23T01:00:00Z") }),
    ]);
    expect(race.filter(Boolean)).toHaveLength(1);
    const week = await db
      .selectFrom("forecast_snapshots")
      .select((e) => e.fn.countAll().as("n"))
      .where("workspace_id", "=", ws)
      .where("scope", "=", "company")
      .where("taken_at", "=", new Date("2026-11-23T01:00:00Z"))
      .executeTakeFirstOrThrow();
    expect(Number(week.n)).toBe(2);
    const api = await request(s.app, "POST", "/api/forecast/snapshots", s.keys.admin, {});
    expect(api.status).toBe(201);
    expect(api.body.snapshots).toBeGreaterThanOrEqual(8);
  });

  it("scores snapshots against actual bookings per method (by hand)", async () => {
    // 2026-Q1 bookings were 400.00. Weighted said 500.00 on Dec 20 (error +25%, accuracy 0.75);
    // its 400.00 of Feb 15 came after the quarter began and is not scored. The headline said
    // 300.00 (−25%, accuracy 0.75). 2026-Q3 (500.00 won): the model said 450.00 (−10%, 0.9).
    await recordForecastSnapshots(db, ws, [
      {
        metric: "bookings",
        scope: "company:methods",
        method: "weighted",
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        forecast_value: 500_00,
        taken_at: "2025-12-20T00:00:00Z",
      },
      {
        metric: "bookings",
        scope: "company:methods",
        method: "weighted",
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        forecast_value: 400_00,
        taken_at: "2026-02-15T00:00:00Z",
      },
      {
        metric: "bookings",
        scope: "company",
        method: "weighted",
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        forecast_value: 300_00,
        taken_at: "2025-12-20T00:00:00Z",
      },
      {
        metric: "bookings",
        scope: "company:methods",
        method: "model",
        period_start: "2026-07-01",
        period_end: "2026-09-30",
        forecast_value: 450_00,
        taken_at: "2026-06-30T00:00:00Z",
      },
    ]);
    const acc = await forecastAccuracy(db, ws, { quarters: "4" }, NOW);
    expect(acc.periods.map((p) => [p.period, p.actual])).toEqual([
      ["2025-Q4", 0],
      ["2026-Q1", 400],
      ["2026-Q2", 0],
      ["2026-Q3", 500],
    ]);
    expect(acc.methods.weighted.score).toEqual({ periods: 1, mape: 0.25, bias: 0.25, accuracy: 0.75 });
    expect(acc.methods.headline.score).toEqual({ periods: 1, mape: 0.25, bias: -0.25, accuracy: 0.75 });
    expect(acc.methods.model.score.accuracy).toBeCloseTo(0.9, 12);
    expect(acc.methods.model.score.bias).toBeCloseTo(-0.1, 12);
    // The metrics engine's KPI scores the headline the same way.
    expect(acc.kpis.forecast_accuracy.find((p) => p.period === "2026-Q1")?.value).toBeCloseTo(0.75, 12);
    const api = await request(s.app, "GET", "/api/forecast/accuracy?quarters=4", s.keys.viewer);
    expect(api.status).toBe(200);
    expect(api.body.methods.weighted.points[1]).toMatchObject({
      period: "2026-Q1",
      forecast: 500,
      actual: 400,
      accuracy: 0.75,
    });
  });
});

describe("backtest", () => {
  it("never uses data recorded after its cut-off (leakage test)", async () => {
    // As of 2026-07-01 only D is open: qualification (never reached by a closed deal → the
    // overall win rate 4/6), 500.00 due Aug 15 → weighted and model 333.33; Q3 actual 500.00.
    const before = await runBacktest(db, ws, { quarters: "1" }, NOW);
    expect(before.quarters[0]).toMatchObject({
      period: "2026-Q3",
      cutoff: "2026-07-01T00:00:00.000Z",
      actual: 500,
    });
    expect(before.quarters[0].forecasts.weighted).toBeCloseTo(333.33, 2);
    expect(before.quarters[0].forecasts.model).toBeCloseTo(333.33, 2);
    // After the cut-off: D moves to negotiation at ten times the amount, gets busy, and a new deal
    // E is opened and won inside the quarter.
    await db
      .insertInto("opportunity_stage_history")
      .values({
        workspace_id: ws,
        id: "d_late",
        opportunity_id: "d",
        to_stage: "negotiation",
        amount_minor: 5000_00,
        currency: "USD",
        close_date: "2026-07-20",
        forecast_category: "commit",
        changed_at: ts("2026-07-15T00:00:00Z"),
      })
      .execute();
    await db
      .insertInto("activities")
      .values({
        workspace_id: ws,
        id: "act_late",
        kind: "call",
        occurred_at: ts("2026-07-02T00:00:00Z"),
        opportunity_id: "d",
        owner_id: ann,
      })
      .execute();
    await addDeal(
      ws,
      "e",
      bob,
      "2026-07-05T00:00:00Z",
      [["2026-07-05T00:00:00Z", "proposal", 700_00, "2026-08-01", "commit"]],
      {
        status: "won",
        at: "2026-08-01T00:00:00Z",
      },
    );
    const after = await runBacktest(db, ws, { quarters: "1" }, NOW);
    expect(after.quarters[0].forecasts).toEqual(before.quarters[0].forecasts);
    expect(after.quarters[0].actual).toBe(1200);
    const api = await request(s.app, "GET", "/api/forecast/backtest?quarters=2", s.keys.viewer);
    expect(api.status).toBe(200);
    expect(Object.keys(api.body.methods)).toEqual(["weighted", "stage_conversion", "model", "series"]);
  });
});

describe("accuracy by team and by owner", () => {
  // Runs after the backtest test, which added E (Bob, 700.00 won Aug 1). Bookings per quarter:
  // North (Ann): 2026-Q1 400.00 (c0–c3), 2026-Q3 500.00 (D); South (Bob): 2026-Q3 700.00 (E).
  const snap = (scope: string, method: string, start: string, end: string, value: number, at: string) => ({
    metric: "bookings",
    scope,
    method,
    period_start: start,
    period_end: end,
    forecast_value: value,
    taken_at: at,
  });
  const Q1 = ["2026-01-01", "2026-03-31"] as const;
  const Q3 = ["2026-07-01", "2026-09-30"] as const;

  it("scores each team's headline forecast and each owner's call against what they won (by hand)", async () => {
    await recordForecastSnapshots(db, ws, [
      // North: Q1 500 vs 400 → +25%, accuracy 0.75; Q3 450 vs 500 → −10%, 0.90. The 900 of
      // Jul 20 came after Q3 began (lock 0 days) and is not scored.
      snap(`team:${NORTH}`, "weighted", ...Q1, 500_00, "2025-12-20T00:00:00Z"),
      snap(`team:${NORTH}`, "weighted", ...Q3, 450_00, "2026-06-30T00:00:00Z"),
      snap(`team:${NORTH}`, "weighted", ...Q3, 900_00, "2026-07-20T00:00:00Z"),
      // South: Q3 1,050 vs 700 → +50%, 0.5; Q1 100 against nothing won is not scored.
      snap(`team:${SOUTH}`, "model", ...Q3, 1050_00, "2026-06-30T00:00:00Z"),
      snap(`team:${SOUTH}`, "weighted", ...Q1, 100_00, "2025-12-20T00:00:00Z"),
      // Ann: forecast Q3 600 vs 500 → +20%, 0.8; called Q1 380 vs 400 → −5%, 0.95.
      snap(`owner:${ann}`, "weighted", ...Q3, 600_00, "2026-06-30T00:00:00Z"),
      snap(`owner:${ann}`, "call", ...Q1, 380_00, "2025-12-31T00:00:00Z"),
      // Bob: called Q3 560 vs 700 → −20%, 0.8 (his 1,400 of Jul 2 came too late).
      snap(`owner:${bob}`, "call", ...Q3, 560_00, "2026-06-28T00:00:00Z"),
      snap(`owner:${bob}`, "call", ...Q3, 1400_00, "2026-07-02T00:00:00Z"),
    ]);
    const teams = await forecastAccuracyByGroup(db, ws, "team", { quarters: "4" }, NOW);
    expect(teams.periods.map((p) => p.period)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(teams.groups.map((g) => [g.group, g.label])).toEqual([
      [NORTH, "North"],
      [SOUTH, "South"],
    ]);
    const [north, south] = teams.groups;
    expect(north.methods.headline.points.map((p) => [p.forecast, p.actual])).toEqual([
      [null, 0],
      [500, 400],
      [null, 0],
      [450, 500],
    ]);
    // MAPE (0.25 + 0.10) / 2, bias (0.25 − 0.10) / 2, accuracy (0.75 + 0.90) / 2.
    expect(north.methods.headline.score.periods).toBe(2);
    expect(north.methods.headline.score.mape).toBeCloseTo(0.175, 12);
    expect(north.methods.headline.score.bias).toBeCloseTo(0.075, 12);
    expect(north.methods.headline.score.accuracy).toBeCloseTo(0.825, 12);
    expect(north.methods.call.score).toEqual({ periods: 0, mape: null, bias: null, accuracy: null });
    expect(south.methods.headline.points[1]).toMatchObject({ forecast: 100, actual: 0, accuracy: null });
    expect(south.methods.headline.score).toEqual({ periods: 1, mape: 0.5, bias: 0.5, accuracy: 0.5 });

    // The actual a team is scored against is what the period forecast shows as its closed.
    const q3 = await periodForecastReport(db, ws, { period: "2026Q3", by: "team" }, { now: NOW });
    expect(q3.groups.map((g) => [g.label, g.closed])).toEqual([
      ["North", 500],
      ["South", 700],
    ]);

    const owners = await forecastAccuracyByGroup(db, ws, "owner", { quarters: "4" }, NOW);
    expect(owners.groups.map((g) => g.label)).toEqual(["Ann", "Bob"]);
    const [a, b] = owners.groups;
    expect(a.methods.headline.score.accuracy).toBeCloseTo(0.8, 12);
    expect(a.methods.headline.score.bias).toBeCloseTo(0.2, 12);
    expect(a.methods.call.score.periods).toBe(1);
    expect(a.methods.call.score.accuracy).toBeCloseTo(0.95, 12);
    expect(a.methods.call.score.bias).toBeCloseTo(-0.05, 12);
    expect(b.methods.headline.score.periods).toBe(0);
    expect(b.methods.call.points[3]).toMatchObject({ period: "2026-Q3", forecast: 560, actual: 700 });
    expect(b.methods.call.score.accuracy).toBeCloseTo(0.8, 12);
    expect(b.methods.call.score.mape).toBeCloseTo(0.2, 12);

    // The company view is unchanged by the group snapshots.
    const company = await forecastAccuracy(db, ws, { quarters: "4" }, NOW);
    expect(company.methods.headline.score).toEqual({ periods: 1, mape: 0.25, bias: -0.25, accuracy: 0.75 });
  });

  it("answers through the API per team, and another workspace sees none of it", async () => {
    // quarters=40 reaches back ten years from today whatever today is; 2026-Q3 is in it.
    const res = await request(s.app, "GET", "/api/forecast/accuracy?by=team&quarters=40", s.keys.viewer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ by: "team", currency: "USD", lock_days: 0 });
    const south = res.body.groups.find((g: { group: string }) => g.group === SOUTH);
    expect(south.label).toBe("South");
    const q3 = south.methods.headline.points.find((p: { period: string }) => p.period === "2026-Q3");
    expect(q3).toMatchObject({ forecast: 1050, actual: 700, accuracy: 0.5 });
    const company = await request(s.app, "GET", "/api/forecast/accuracy?quarters=40", s.keys.viewer);
    expect(company.body.by).toBe("company");
    expect(company.body.groups).toBeUndefined();
    for (const by of ["team", "owner"]) {
      const other = await request(
        s.app,
        "GET",
        `/api/forecast/accuracy?by=${by}&quarters=40`,
        s.other.headers,
      );
      expect(other.status).toBe(200);
      expect(other.body.groups).toEqual([]);
    }
  });
});
