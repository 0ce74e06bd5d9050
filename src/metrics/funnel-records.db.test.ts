import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { bottleneckRecords, bottlenecks, funnel, funnelRecords } from "./index.ts";
import { type FixtureApi, fixtureApi } from "./testing/metric-fixtures.ts";

let s: TestServer;
let f: FixtureApi;
const id: Record<string, string> = {};
const now = new Date("2026-03-01T00:00:00Z");
const range = { from: "2025-12-01", to: "2026-02-28" };

/*
 * Funnel (contacts), range 1 Dec 2025 – 28 Feb 2026; reaching a later stage passes the skipped ones:
 *   L1 lead Jan 5 → mql Jan 10 → customer Feb 1   entered Jan 5: reaches every stage
 *   L2 lead Jan 15 → sql Jan 20                     reaches subscriber…sql
 *   L3 subscriber Dec 20 → lead Feb 3               reaches subscriber, lead
 *   L4 customer Feb 10                              reaches every stage
 *   L5 subscriber Nov 15 → mql Jan 5                entered before the range: never counted
 *   reached mql = L1 L2 L4 (3); mql → sql converted = L1 L2 L4 (3); sql → opportunity = L1 L4 (2).
 *
 * Deals (range 1 Jan – 28 Feb 2026, now 1 Mar 2026):
 *   B1 prospecting Jan 1 → qualification Jan 5 → discovery Jan 15 → won Jan 25
 *   B2 prospecting Jan 2 → qualification Jan 4 → lost Jan 10
 *   B3 prospecting Jan 3 → qualification Jan 9, still there (51 days)
 *   B4 qualification Feb 1, still there (28 days)
 *   qualification: entered by B2 (Jan 4), B1 (Jan 5), B3 (Jan 9), B4 (Feb 1), days 6, 10, 51, 28;
 *   median of the finished visits 8 days, so B3 (6.4×) and B4 (3.5×) are stalled at 3×.
 */
beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
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
    L5: [
      ["subscriber", "2025-11-15T09:00:00Z"],
      ["mql", "2026-01-05T09:00:00Z"],
    ],
  };
  for (const [name, steps] of Object.entries(journeys)) id[name] = await f.contactJourney(name, steps);
  const deals: Record<string, Array<[string, string]>> = {
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
  for (const [name, path] of Object.entries(deals)) id[name] = await f.dealPath(name, path);
});
afterAll(() => s?.close());

const ids = (records: Array<Record<string, unknown>>) => records.map((r) => r.id as string).sort();
const expected = (...names: string[]) => names.map((n) => id[n]).sort();

describe("funnel records", () => {
  it("lists the contacts that reached a stage, as many as the funnel counts", async () => {
    const aggregate = await funnel(s.database.db, s.ws.workspace.id, range, now);
    const mql = aggregate.stages.find((st) => st.stage === "mql");
    const page = await funnelRecords(s.database.db, s.ws.workspace.id, { ...range, stage: "mql" }, now);
    expect(page.total).toBe(mql?.reached);
    expect(page.total).toBe(3);
    expect(ids(page.records)).toEqual(expected("L1", "L2", "L4"));
    const l1 = page.records.find((r) => r.id === id.L1);
    expect(l1).toMatchObject({ object: "contacts", name: "L1", role: "converted", email: "l1@example.com" });
    expect(l1?.reached_at).toBe("2026-01-10T09:00:00.000Z");
  });

  it("lists those who went on to the next stage, as many as the next stage reached", async () => {
    const aggregate = await funnel(s.database.db, s.ws.workspace.id, range, now);
    const reached = Object.fromEntries(aggregate.stages.map((st) => [st.stage, st.reached]));
    const step = (stage: string) =>
      funnelRecords(s.database.db, s.ws.workspace.id, { ...range, stage, step: "converted" }, now);
    const sql = await step("sql");
    expect(sql.total).toBe(reached.opportunity);
    expect(ids(sql.records)).toEqual(expected("L1", "L4"));
    const subscriber = await step("subscriber");
    expect(subscriber.total).toBe(reached.lead);
    expect(ids(subscriber.records)).toEqual(expected("L1", "L2", "L3", "L4"));
  });

  it("pages through the records and refuses what it cannot answer, naming the field", async () => {
    const first = await funnelRecords(
      s.database.db,
      s.ws.workspace.id,
      { ...range, stage: "lead", limit: 2 },
      now,
    );
    const rest = await funnelRecords(
      s.database.db,
      s.ws.workspace.id,
      { ...range, stage: "lead", limit: 2, offset: 2 },
      now,
    );
    expect([first.total, rest.total]).toEqual([4, 4]);
    expect([...ids(first.records), ...ids(rest.records)].sort()).toEqual(expected("L1", "L2", "L3", "L4"));

    const bad = await request(s.app, "GET", "/api/metrics/funnel/records?stage=vip", s.keys.admin);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("stage");
    const last = await request(
      s.app,
      "GET",
      "/api/metrics/funnel/records?stage=customer&step=converted",
      s.keys.admin,
    );
    expect(last.status).toBe(422);
    expect(last.body.error.field).toBe("step");
  });

  it("is served over HTTP with the drill-down page shape", async () => {
    const res = await request(
      s.app,
      "GET",
      `/api/metrics/funnel/records?stage=opportunity&from=${range.from}&to=${range.to}`,
      s.keys.revenue_analyst,
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.metric.name).toBe("Funnel: reached Opportunity");
    expect(ids(res.body.records)).toEqual(expected("L1", "L4"));
  });
});

describe("time-in-stage records", () => {
  const dealRange = { from: "2026-01-01", to: "2026-02-28" };

  it("lists the deals that entered a stage with their days in it, as many as the chart counts", async () => {
    const aggregate = await bottlenecks(s.database.db, s.ws.workspace.id, dealRange, now);
    const page = await bottleneckRecords(
      s.database.db,
      s.ws.workspace.id,
      { ...dealRange, stage: "qualification" },
      now,
    );
    expect(page.total).toBe(aggregate.opportunity_stages.find((st) => st.stage === "qualification")?.entered);
    expect(page.records.map((r) => [r.id, r.role, r.days_in_stage])).toEqual([
      [id.B2, "left_stage", 6],
      [id.B1, "left_stage", 10],
      [id.B3, "in_stage", 51],
      [id.B4, "in_stage", 28],
    ]);
  });

  it("lists the deals stalled in a stage, as the stalled table does", async () => {
    const page = await bottleneckRecords(
      s.database.db,
      s.ws.workspace.id,
      { ...dealRange, stage: "qualification", kind: "stalled" },
      now,
    );
    expect(page.records.map((r) => [r.id, r.days_in_stage, r.ratio])).toEqual([
      [id.B3, 51, 6.38],
      [id.B4, 28, 3.5],
    ]);
    const none = await bottleneckRecords(
      s.database.db,
      s.ws.workspace.id,
      { ...dealRange, stage: "prospecting", kind: "stalled" },
      now,
    );
    expect(none.total).toBe(0);
  });

  it("names the field of a bad stage or kind over HTTP", async () => {
    const bad = await request(s.app, "GET", "/api/metrics/bottlenecks/records?stage=nowhere", s.keys.admin);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("stage");
    const kind = await request(
      s.app,
      "GET",
      "/api/metrics/bottlenecks/records?stage=qualification&kind=slow",
      s.keys.admin,
    );
    expect(kind.status).toBe(422);
    expect(kind.body.error.field).toBe("kind");
    const ok = await request(
      s.app,
      "GET",
      "/api/metrics/bottlenecks/records?stage=prospecting&from=2026-01-01&to=2026-02-28",
      s.keys.revenue_analyst,
    );
    expect(ok.status).toBe(200);
    expect(ids(ok.body.records)).toEqual(expected("B1", "B2", "B3"));
  });
});
