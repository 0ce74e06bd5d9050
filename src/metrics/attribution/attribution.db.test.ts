import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../../api/testing/test-server.ts";
import { type FixtureApi, fixtureApi } from "../testing/metric-fixtures.ts";
import { attribution } from "./apply-attribution.ts";
import { attributionWeights } from "./models.ts";

/*
 * O1 (account X, primary contact cx): opened 2026-03-01 00:00Z for 1,000.00, won 2026-03-31.
 *   Touches of X: t1 2026-01-01 C1, t2 2026-02-01 C2, t3 2026-02-20 C3, t4 2026-02-27 C1;
 *   cx became a lead on 2026-02-02 (so t2 created the lead, t4 the opportunity).
 * O2 (account Y): opened 2026-03-05, 2,000.00, no touches: unattributed.
 * O3 (account Z, contact cz): opened 2026-03-10, 500.00; one touch of cz with no account: t5 2026-03-05 C3.
 *
 * Pipeline credit of O1 by model (C1 = t1 + t4, C2 = t2, C3 = t3):
 *   first 1,000 / 0 / 0;  last 1,000 / 0 / 0;  linear 500 / 250 / 250;
 *   U (.4 .1 .1 .4) 800 / 100 / 100;  W (.3 .3 .1 .3) 600 / 300 / 100.
 * O3 gives C3 500 under every model.
 */
let s: TestServer;
let f: FixtureApi;
const campaign: Record<string, string> = {};

beforeAll(async () => {
  s = await openTestServer();
  f = fixtureApi(s.app, s.keys.admin);
  for (const [name, channel] of [
    ["C1", "paid_search"],
    ["C2", "webinar"],
    ["C3", "email"],
  ]) {
    campaign[name] = (await f.post("/api/campaigns", { name, channel, currency: "USD" })).id as string;
  }
  const x = await f.account("X");
  const y = await f.account("Y");
  const z = await f.account("Z");
  const cx = await f.post("/api/contacts", {
    email: "cx@x.example",
    account_id: x.id,
    lifecycle_stage: "other",
  });
  const cz = await f.post("/api/contacts", { email: "cz@z.example", lifecycle_stage: "other" });
  await f.post("/api/lifecycle-transitions", {
    subject_type: "contact",
    subject_id: cx.id,
    to_stage: "lead",
    transitioned_at: "2026-02-02T00:00:00Z",
  });
  for (const [at, c] of [
    ["2026-01-01", "C1"],
    ["2026-02-01", "C2"],
    ["2026-02-20", "C3"],
    ["2026-02-27", "C1"],
  ]) {
    await f.post("/api/touchpoints", {
      kind: "web_visit",
      occurred_at: `${at}T00:00:00Z`,
      account_id: x.id,
      campaign_id: campaign[c],
    });
  }
  await f.post("/api/touchpoints", {
    kind: "email_click",
    occurred_at: "2026-03-05T00:00:00Z",
    contact_id: cz.id,
    campaign_id: campaign.C3,
  });
  await f.post("/api/opportunities", {
    name: "O1",
    account_id: x.id,
    primary_contact_id: cx.id,
    stage: "closed won",
    amount_minor: 100_000,
    currency: "USD",
    opened_at: "2026-03-01T00:00:00Z",
    closed_at: "2026-03-31T00:00:00Z",
  });
  await f.post("/api/opportunities", {
    name: "O2",
    account_id: y.id,
    stage: "discovery",
    amount_minor: 200_000,
    currency: "USD",
    opened_at: "2026-03-05T00:00:00Z",
  });
  await f.post("/api/opportunities", {
    name: "O3",
    account_id: z.id,
    primary_contact_id: cz.id,
    stage: "discovery",
    amount_minor: 50_000,
    currency: "USD",
    opened_at: "2026-03-10T00:00:00Z",
  });
});
afterAll(() => s?.close());

const credit = (result: Awaited<ReturnType<typeof attribution>>, model: string) =>
  Object.fromEntries(result.results.find((r) => r.model === model)!.rows.map((r) => [r.label, r.value]));

describe("attribution applied to pipeline and revenue", () => {
  it("credits pipeline to campaigns under each model", async () => {
    const result = await attribution(s.database.db, s.ws.workspace.id, {
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(result).toMatchObject({ opportunities: 3, value: 3_500, unattributed_opportunities: 1 });
    expect(credit(result, "first_touch")).toEqual({ C1: 1_000, C3: 500 });
    expect(credit(result, "last_touch")).toEqual({ C1: 1_000, C3: 500 });
    expect(credit(result, "linear")).toEqual({ C1: 500, C2: 250, C3: 750 });
    expect(credit(result, "u_shaped")).toEqual({ C1: 800, C2: 100, C3: 600 });
    expect(credit(result, "w_shaped")).toEqual({ C1: 600, C2: 300, C3: 600 });
  });

  it("applies time decay exactly as the pure model does", async () => {
    const result = await attribution(s.database.db, s.ws.workspace.id, {
      model: "time_decay",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const w = attributionWeights("time_decay", {
      touches: [at("2026-01-01"), at("2026-02-01"), at("2026-02-20"), at("2026-02-27")],
      conversionAt: at("2026-03-01"),
      halfLifeDays: 7,
    });
    const rows = result.results[0].rows;
    expect(rows.find((r) => r.label === "C1")?.value).toBeCloseTo(
      Math.round((w[0] + w[3]) * 100_000) / 100,
      2,
    );
    expect(rows.find((r) => r.label === "C2")?.value).toBeCloseTo(Math.round(w[1] * 100_000) / 100, 2);
    expect(rows.find((r) => r.label === "C3")?.value).toBeCloseTo(Math.round(w[2] * 100_000) / 100 + 500, 2);
    expect(w[3]).toBeCloseTo(
      2 ** (-2 / 7) / (2 ** (-59 / 7) + 2 ** (-28 / 7) + 2 ** (-9 / 7) + 2 ** (-2 / 7)),
      12,
    );
  });

  it("credits revenue at the win, by channel", async () => {
    const res = await request(
      s.app,
      "GET",
      "/api/metrics/attribution?basis=revenue&by=channel&model=first_touch,linear&from=2026-03-01&to=2026-03-31",
      s.keys.marketing_ops,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ basis: "revenue", by: "channel", opportunities: 1, value: 1_000 });
    expect(res.body.results.map((r: { model: string }) => r.model)).toEqual(["first_touch", "linear"]);
    expect(res.body.results[1].rows).toEqual([
      { group: "paid_search", label: "paid_search", value: 500, opportunities: 0.5, share: 0.5 },
      { group: "email", label: "email", value: 250, opportunities: 0.25, share: 0.25 },
      { group: "webinar", label: "webinar", value: 250, opportunities: 0.25, share: 0.25 },
    ]);
  });
});
