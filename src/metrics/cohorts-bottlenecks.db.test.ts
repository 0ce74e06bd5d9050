import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { bottlenecks, cohorts } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

let s: TestServer;
let f: FixtureApi;
const deal: Record<string, string> = {};
const now = new Date("2026-03-01T00:00:00Z");

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
});
afterAll(() => s?.close());

describe("cohorts", () => {
  /*
   * K1 100/mo from 2026-01-10, cancelled 2026-03-15;  K2 200 from 2026-01-20, 300 from 2026-02-10;
   * K3 50 from 2026-02-05;  K4 trial from 2026-01-05, paying 100 from 2026-02-01 (a February customer).
   *
   *   cohort   size   end Jan        end Feb        end Mar
   *   2026-01   2     2 / 300        2 / 400        1 / 300
   *   2026-02   2     —              2 / 150        2 / 150
   */
  beforeAll(async () => {
    const k1 = await f.subscription((await f.account("K1")).id as string, "2026-01-10T00:00:00Z", 10_000);
    await f.version(k1, "2026-03-15T00:00:00Z", 10_000, "canceled");
    const k2 = await f.subscription((await f.account("K2")).id as string, "2026-01-20T00:00:00Z", 20_000);
    await f.version(k2, "2026-02-10T00:00:00Z", 30_000);
    await f.subscription((await f.account("K3")).id as string, "2026-02-05T00:00:00Z", 5_000);
    const k4 = await f.subscription((await f.account("K4")).id as string, "2026-01-05T00:00:00Z", 10_000, {
      status: "trialing",
    });
    await f.version(k4, "2026-02-01T00:00:00Z", 10_000);
  });

  it("retains logos and revenue by signup month", async () => {
    const result = await cohorts(
      s.database.db,
      s.ws.workspace.id,
      { from: "2026-01", to: "2026-03" },
      new Date("2026-06-01T00:00:00Z"),
    );
    expect(result.cohorts.map((c) => [c.cohort, c.customers, c.mrr])).toEqual([
      ["2026-01", 2, 300],
      ["2026-02", 2, 150],
    ]);
    expect(
      result.cohorts[0].months.map((m) => [
        m.month,
        m.customers,
        m.mrr,
        m.logo_retention,
        m.revenue_retention,
      ]),
    ).toEqual([
      ["2026-01", 2, 300, 1, 1],
      ["2026-02", 2, 400, 1, 400 / 300],
      ["2026-03", 1, 300, 0.5, 1],
    ]);
    expect(result.cohorts[1].months.map((m) => [m.offset, m.logo_retention, m.revenue_retention])).toEqual([
      [0, 1, 1],
      [1, 1, 1],
    ]);
  });
});

describe("bottlenecks", () => {
  /*
   * B1 prospecting Jan 1 → qualification Jan 5 → discovery Jan 15 → won Jan 25
   * B2 prospecting Jan 2 → qualification Jan 4 → lost Jan 10
   * B3 prospecting Jan 3 → qualification Jan 9, still there on Mar 1 (51 days)
   * B4 qualification Feb 1, still there on Mar 1 (28 days)
   * Finished visits: prospecting 4, 2, 6 days (median 4); qualification 10, 6 (median 8); discovery 10.
   */
  beforeAll(async () => {
    const steps: Record<string, Array<[string, string]>> = {
      B1: [
        ["prospecting", "01-01"],
        ["qualification", "01-05"],
        ["discovery", "01-15"],
        ["closed won", "01-25"],
      ],
      B2: [
        ["prospecting", "01-02"],
        ["qualification", "01-04"],
        ["closed lost", "01-10"],
      ],
      B3: [
        ["prospecting", "01-03"],
        ["qualification", "01-09"],
      ],
      B4: [["qualification", "02-01"]],
    };
    for (const [name, path] of Object.entries(steps)) deal[name] = await f.dealPath(name, path);
  });

  it("times each stage and the conversion onward", async () => {
    const result = await bottlenecks(
      s.database.db,
      s.ws.workspace.id,
      { from: "2026-01-01", to: "2026-02-28" },
      now,
    );
    expect(
      result.opportunity_stages.map((st) => [
        st.stage,
        st.entered,
        st.completed,
        st.median_days,
        st.advanced,
        st.decided,
        st.conversion,
      ]),
    ).toEqual([
      ["prospecting", 3, 3, 4, 3, 3, 1],
      ["qualification", 4, 2, 8, 1, 2, 0.5],
      ["discovery", 1, 1, 10, 1, 1, 1],
    ]);
  });

  it("finds deals open longer than N× their stage's median", async () => {
    const result = await bottlenecks(
      s.database.db,
      s.ws.workspace.id,
      { from: "2026-01-01", to: "2026-02-28" },
      now,
    );
    // Qualification median 8 days; B3 has been there 51 days (6.4×), B4 28 days (3.5×).
    expect(result.stalled.deals.map((d) => [d.id, d.stage, d.days_in_stage, d.ratio])).toEqual([
      [deal.B3, "qualification", 51, 6.38],
      [deal.B4, "qualification", 28, 3.5],
    ]);
    const strict = await bottlenecks(
      s.database.db,
      s.ws.workspace.id,
      { from: "2026-01-01", to: "2026-02-28", factor: 5 },
      now,
    );
    expect(strict.stalled.deals.map((d) => d.id)).toEqual([deal.B3]);
  });

  it("is served over HTTP, with cohorts and the funnel", async () => {
    for (const path of [
      "/api/metrics/bottlenecks?factor=3",
      "/api/metrics/cohorts?from=2026-01",
      "/api/metrics/funnel",
    ]) {
      const res = await request(s.app, "GET", path, s.keys.revenue_analyst);
      expect(res.status, path).toBe(200);
    }
    const bad = await request(
      s.app,
      "GET",
      "/api/metrics/bottlenecks?from=yesterday",
      s.keys.revenue_analyst,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("from");
  });
});
