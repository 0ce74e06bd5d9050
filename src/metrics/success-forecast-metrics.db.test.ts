import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { computeMetrics, drillDown, type MetricResult } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

/*
 * A UTC workspace reporting in USD.
 * Customers A (enterprise) and B (smb), both subscribed since 2025-12-01.
 * Tickets: A opened 2026-01-02 08:00, solved 20:00 the same day (12 h); A opened 2026-01-10 00:00,
 * solved 2026-01-12 00:00 (48 h); B opened 2026-01-30 10:00, solved 2026-02-02 10:00 (72 h).
 * Payments: A pays 500.00 on 2026-01-05; B pays 300.00 on 2026-01-06 and is refunded 100.00 on
 * 2026-02-03.
 * Deals won: 10,000 on 2026-02-01 (Q1) and 10,000 on 2026-05-01 (Q2).
 * Bookings forecasts: Q1 12,000 taken 2025-12-31 (and 20,000 on 2026-02-01, after Q1 began: not
 * scored); Q2 9,500 taken at 2026-04-01 00:00, the moment Q2 began; none for Q3.
 */
let s: TestServer;
let f: FixtureApi;

async function metrics(keys: string[], query: Record<string, string>): Promise<Record<string, MetricResult>> {
  const results = await computeMetrics(s.database.db, s.ws.workspace.id, keys, query);
  return Object.fromEntries(results.map((r) => [r.metric.key, r]));
}
const values = (r: MetricResult) => r.series.map((p) => p.value);

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  const a = await f.account("A", { segment: "enterprise" });
  const b = await f.account("B", { segment: "smb" });
  await f.subscription(a.id as string, "2025-12-01T00:00:00Z", 50_000);
  await f.subscription(b.id as string, "2025-12-01T00:00:00Z", 30_000);
  for (const [account, opened, solved] of [
    [a, "2026-01-02T08:00:00Z", "2026-01-02T20:00:00Z"],
    [a, "2026-01-10T00:00:00Z", "2026-01-12T00:00:00Z"],
    [b, "2026-01-30T10:00:00Z", "2026-02-02T10:00:00Z"],
  ] as const) {
    await f.post("/api/tickets", {
      subject: "Help",
      account_id: account.id,
      opened_at: opened,
      solved_at: solved,
      status: "solved",
    });
  }
  await f.post("/api/payments", {
    account_id: a.id,
    status: "succeeded",
    amount_minor: 50_000,
    currency: "USD",
    attempted_at: "2026-01-05T00:00:00Z",
  });
  const paid = await f.post("/api/payments", {
    account_id: b.id,
    status: "succeeded",
    amount_minor: 30_000,
    currency: "USD",
    attempted_at: "2026-01-06T00:00:00Z",
  });
  await f.post("/api/payments", {
    account_id: b.id,
    status: "failed",
    amount_minor: 30_000,
    currency: "USD",
    attempted_at: "2026-01-04T00:00:00Z",
  });
  await f.post("/api/refunds", {
    payment_id: paid.id,
    account_id: b.id,
    amount_minor: 10_000,
    currency: "USD",
    refunded_at: "2026-02-03T00:00:00Z",
  });
  for (const closed of ["2026-02-01T00:00:00Z", "2026-05-01T00:00:00Z"]) {
    await f.post("/api/opportunities", {
      name: "Deal",
      stage: "closed won",
      amount_minor: 1_000_000,
      currency: "USD",
      opened_at: "2026-01-01T00:00:00Z",
      closed_at: closed,
    });
  }
  const res = await request(s.app, "POST", "/api/metrics/forecast-snapshots", s.keys.admin, {
    snapshots: [
      {
        metric: "bookings",
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        forecast_value: 1_200_000,
        currency: "USD",
        taken_at: "2025-12-31T12:00:00Z",
      },
      {
        metric: "bookings",
        period_start: "2026-01-01",
        period_end: "2026-03-31",
        forecast_value: 2_000_000,
        currency: "USD",
        taken_at: "2026-02-01T00:00:00Z",
      },
      {
        metric: "bookings",
        period_start: "2026-04-01",
        period_end: "2026-06-30",
        forecast_value: 950_000,
        taken_at: "2026-04-01T00:00:00Z",
      },
    ],
  });
  expect(res.status).toBe(201);
});
afterAll(() => s?.close());

describe("customer-success KPIs", () => {
  it("measures support load and resolution time", async () => {
    const r = await metrics(["tickets_opened", "tickets_per_account", "time_to_resolution_hours"], {
      from: "2026-01-01",
      to: "2026-02-28",
    });
    expect(values(r.tickets_opened)).toEqual([3, 0]);
    // Jan: 3 tickets over 2 customers; solved in Jan: (12 + 48) / 2 h; in Feb: 72 h.
    expect(values(r.tickets_per_account)).toEqual([1.5, 0]);
    expect(values(r.time_to_resolution_hours)).toEqual([30, 72]);
    const bySegment = await metrics(["tickets_per_account"], {
      from: "2026-01-01",
      to: "2026-01-31",
      by: "segment",
    });
    expect(bySegment.tickets_per_account.series.map((p) => [p.group, p.value])).toEqual([
      ["enterprise", 2],
      ["smb", 1],
    ]);
  });

  it("collects cash net of refunds in the period each happened; MRR does not move", async () => {
    const r = await metrics(["collected_revenue", "mrr"], { from: "2026-01-01", to: "2026-02-28" });
    expect(values(r.collected_revenue)).toEqual([800, -100]);
    expect(values(r.mrr)).toEqual([800, 800]);
    const feb = await drillDown(s.database.db, s.ws.workspace.id, "collected_revenue", { period: "2026-02" });
    expect(feb.records).toMatchObject([{ object: "refunds", role: "refund", amount: -100 }]);
  });
});

describe("forecast KPIs from stored snapshots", () => {
  it("scores the forecast taken by the start of each period against the actual", async () => {
    const r = await metrics(["forecast_accuracy", "revenue_predictability"], {
      from: "2026-01-01",
      to: "2026-09-30",
      grain: "quarter",
    });
    // Q1: 1 − |10,000 − 12,000| / 10,000 = 0.8; Q2: 1 − 500 / 10,000 = 0.95; Q3: no forecast.
    expect(r.forecast_accuracy.series.map((p) => p.value)).toEqual([0.8, 0.95, null]);
    // Within ±10%: Q1 missed, Q2 hit. Over the last 4 quarters: Q1 0/1, Q2 1/2, Q3 1/2.
    expect(r.revenue_predictability.series.map((p) => p.value)).toEqual([0, 0.5, 0.5]);
    const drill = await drillDown(s.database.db, s.ws.workspace.id, "forecast_accuracy", {
      period: "2026-Q1",
      grain: "quarter",
    });
    expect(drill.records).toMatchObject([
      { object: "forecast_snapshots", forecast: 12_000, actual: 10_000, role: "scored" },
    ]);
  });

  it("refuses a snapshot of an unknown KPI with the field named", async () => {
    const res = await request(s.app, "POST", "/api/metrics/forecast-snapshots", s.keys.admin, {
      metric: "nope",
      period_start: "2026-01-01",
      period_end: "2026-03-31",
      forecast_value: 1,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe("metric");
    const viewer = await request(s.app, "POST", "/api/metrics/forecast-snapshots", s.keys.viewer, {});
    expect(viewer.status).toBe(403);
  });
});
