import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { METRICS } from "./index.ts";
import { fixtureApi } from "./testing/metric-fixtures.ts";

let s: TestServer;

beforeAll(async () => {
  s = await openTestServer();
  // Only the other workspace has a customer: nothing of it may show in the main workspace.
  const other = fixtureApi(s.app, s.other.headers);
  const account = await other.account("Elsewhere");
  await other.subscription(account.id as string, "2026-01-05T00:00:00Z", 99_900);
});
afterAll(() => s?.close());

describe("metrics API", () => {
  it("lists the registry with definitions, formulas, units, owners and dimensions", async () => {
    const res = await request(s.app, "GET", "/api/metrics", s.keys.viewer);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(METRICS.length);
    expect(res.body.data.find((m: { key: string }) => m.key === "nrr")).toMatchObject({
      name: "Net revenue retention",
      unit: "rate",
      indicator: "lagging",
      owners: expect.arrayContaining(["customer_success"]),
      dimensions: expect.arrayContaining(["segment", "owner"]),
      formula: expect.stringContaining("start MRR"),
    });
    expect(res.body).toMatchObject({ currency: "USD", timezone: "UTC" });
  });

  it("computes several KPIs in one batch, scoped to the caller's workspace", async () => {
    const res = await request(
      s.app,
      "GET",
      "/api/metrics/batch?keys=mrr,win_rate&from=2026-01-01&to=2026-03-31",
      s.keys.revenue_analyst,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { metric: { key: string } }) => r.metric.key)).toEqual(["mrr", "win_rate"]);
    expect(res.body.data[0].series.map((p: { value: number }) => p.value)).toEqual([0, 0, 0]);
    expect(res.body.data[1].series.map((p: { value: number }) => p.value)).toEqual([null, null, null]);
    const theirs = await request(
      s.app,
      "GET",
      "/api/metrics/mrr?from=2026-01-01&to=2026-01-31",
      s.other.headers,
    );
    expect(theirs.body.series[0].value).toBe(999);
  });

  it("explains bad queries with the parameter at fault", async () => {
    const cases: Array<[string, number, string]> = [
      ["/api/metrics/nope", 404, "key"],
      ["/api/metrics/mrr?grain=hour", 400, "grain"],
      ["/api/metrics/mrr?from=2026-13-01", 400, "from"],
      ["/api/metrics/mrr?by=priority", 400, "by"],
      ["/api/metrics/bookings?filter=segment", 400, "filter"],
      ["/api/metrics/bookings/records?period=2026-3", 400, "period"],
      ["/api/metrics/bookings/records?period=2026-03&group=x", 400, "group"],
    ];
    for (const [path, status, field] of cases) {
      const res = await request(s.app, "GET", path, s.keys.viewer);
      expect([path, res.status, res.body.error?.field]).toEqual([path, status, field]);
    }
    expect((await request(s.app, "GET", "/api/metrics/mrr", {})).status).toBe(401);
  });

  it("reads and changes the metric conventions (admins only)", async () => {
    const read = await request(s.app, "GET", "/api/metrics/settings", s.keys.viewer);
    expect(read.body.settings.churn_denominator).toBe("start");
    const denied = await request(s.app, "PATCH", "/api/metrics/settings", s.keys.revops_manager, {
      gross_margin: 0.7,
    });
    expect(denied.status).toBe(403);
    const bad = await request(s.app, "PATCH", "/api/metrics/settings", s.keys.admin, { gross_margin: 7 });
    expect([bad.status, bad.body.error.field]).toEqual([422, "settings.metrics.gross_margin"]);
    const ok = await request(s.app, "PATCH", "/api/metrics/settings", s.keys.admin, { gross_margin: 0.7 });
    expect(ok.body.settings.gross_margin).toBe(0.7);
    const info = await request(s.app, "GET", "/api/metrics/ltv", s.keys.viewer);
    expect(info.body.metric.settings.gross_margin).toBe(0.7);
  });

  it("refuses to guess a missing exchange rate, naming the currency", async () => {
    const f = fixtureApi(s.app, s.keys.admin);
    const account = await f.account("Zurich AG");
    await f.subscription(account.id as string, "2026-01-05T00:00:00Z", 10_000, { currency: "CHF" });
    const res = await request(s.app, "GET", "/api/metrics/mrr?from=2026-01-01&to=2026-01-31", s.keys.viewer);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ field: "fx_rates", message: expect.stringContaining("CHF") });
  });

  it("documents every metrics route in OpenAPI", async () => {
    const res = await request(s.app, "GET", "/openapi.json", {});
    for (const path of [
      "/api/metrics",
      "/api/metrics/{key}",
      "/api/metrics/{key}/records",
      "/api/metrics/attribution",
    ])
      expect(res.body.paths[path], path).toBeDefined();
  });
});
