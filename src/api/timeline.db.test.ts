import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request, seedEveryObject } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;
let seeded: Record<string, Record<string, any>>;
let accountId: string;

type Event = {
  id: string;
  at: string;
  team: string;
  kind: string;
  title: string;
  object: string;
  record_id: string;
};

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  seeded = await seedEveryObject(s.app, admin);
  accountId = seeded.accounts.id;
  const account = seeded.accounts;
  // The partner works the account and the deal; the account becomes a customer; the deal moves on.
  await request(s.app, "PATCH", `/api/accounts/${accountId}`, admin, {
    version: account.version,
    partner_id: seeded.partners.id,
    lifecycle_stage: "customer",
  });
  const opp = seeded.opportunities;
  await request(s.app, "PATCH", `/api/opportunities/${opp.id}`, admin, {
    version: opp.version,
    stage: "proposal",
    partner_id: seeded.partners.id,
  });
  await post(s.app, admin, "/api/activities", {
    kind: "email",
    subject: "Proposal sent",
    occurred_at: "2026-02-20T10:00:00Z",
    contact_id: seeded.contacts.id,
  });
  await post(s.app, admin, "/api/tickets", {
    subject: "Login broken",
    priority: "urgent",
    opened_at: "2026-02-21T08:00:00Z",
    account_id: accountId,
  });
});
afterAll(() => s?.close());

async function allEvents(query = ""): Promise<Event[]> {
  const events: Event[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { data: Event[]; next_cursor: string | null } } = await request(
      s.app,
      "GET",
      `/api/accounts/${accountId}/timeline?limit=3${query}${cursor ? `&before=${cursor}` : ""}`,
      admin,
    );
    events.push(...res.body.data);
    cursor = res.body.next_cursor;
  } while (cursor);
  return events;
}

describe("account timeline", () => {
  it("merges every team's events, newest first, with counts per team", async () => {
    const res = await request(s.app, "GET", `/api/accounts/${accountId}/timeline`, admin);
    expect(res.status).toBe(200);
    const events = res.body.data as Event[];
    const teams = new Set(events.map((e) => e.team));
    expect([...teams].sort()).toEqual(
      ["communication", "finance", "lifecycle", "marketing", "partner", "sales", "support"].sort(),
    );
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(res.body.counts.finance).toBeGreaterThanOrEqual(4);
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of [
      "touchpoint",
      "opportunity_opened",
      "stage_change",
      "activity",
      "ticket_opened",
      "subscription_version",
      "invoice",
      "payment",
      "refund",
      "partner_account",
      "partner_opportunity",
      "lifecycle_account",
      "lifecycle_contact",
    ])
      expect(kinds, kind).toContain(kind);
    const touch = events.find((e) => e.kind === "touchpoint")!;
    expect(touch.title).toBe("Webinar registration · Q1 webinar");
    expect(events.find((e) => e.kind === "stage_change")!.title).toBe(
      "Globex platform: Discovery → Proposal",
    );
    expect(events.find((e) => e.kind === "partner_opportunity")!.title).toBe(
      "Partner Northwind Resellers on Globex platform",
    );
    expect(events.find((e) => e.title === "Email: Proposal sent")).toMatchObject({
      team: "communication",
      object: "activities",
    });
  });

  it("pages with a cursor without repeating or skipping, and filters by team", async () => {
    const paged = await allEvents();
    const whole = (await request(s.app, "GET", `/api/accounts/${accountId}/timeline?limit=500`, admin)).body
      .data as Event[];
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    const finance = await allEvents("&teams=finance,support");
    expect(new Set(finance.map((e) => e.team))).toEqual(new Set(["finance", "support"]));
    const bad = await request(s.app, "GET", `/api/accounts/${accountId}/timeline?teams=legal`, admin);
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "teams" });
    const cursor = await request(s.app, "GET", `/api/accounts/${accountId}/timeline?before=nope`, admin);
    expect(cursor.body.error).toMatchObject({ field: "before" });
  });

  it("summarises ARR, open pipeline, last touch, health and the lifecycle journey", async () => {
    const res = await request(s.app, "GET", `/api/accounts/${accountId}/summary`, admin);
    expect(res.status).toBe(200);
    // 10 seats × $1,200 a year = $12,000 ARR.
    expect(res.body.arr).toEqual([{ currency: "USD", amount_minor: 1_200_000 }]);
    expect(res.body.open_pipeline).toEqual([{ currency: "USD", amount_minor: 4_800_000, count: 1 }]);
    expect(res.body.last_touch).toMatchObject({ kind: "email", team: "communication" });
    expect(res.body.health.reasons).toContainEqual({
      points: -10,
      reason: "1 open urgent or high-priority ticket",
    });
    expect(res.body.health.grade).toMatch(/healthy|watch|at_risk/);
    expect(res.body.journey.map((j: { stage: string }) => j.stage)).toEqual(["lead", "customer"]);
  });

  it("is not found for another workspace's account, and needs a role that reads CRM", async () => {
    for (const path of ["timeline", "summary"]) {
      const res = await request(s.app, "GET", `/api/accounts/${accountId}/${path}`, s.other.headers);
      expect(res.status).toBe(404);
      expect((await request(s.app, "GET", `/api/accounts/acc_missing/${path}`, admin)).status).toBe(404);
      for (const role of ["viewer", "finance", "sales_rep"] as const)
        expect((await request(s.app, "GET", `/api/accounts/${accountId}/${path}`, s.keys[role])).status).toBe(
          200,
        );
    }
  });
});
