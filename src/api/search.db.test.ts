import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;

type Group = {
  object: string;
  path: string;
  hits: Array<{ id: string; title: string; detail: string | null; matched: string }>;
};

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  await post(s.app, admin, "/api/accounts/bulk", {
    source: "salesforce",
    records: [
      { external_id: "001A", name: "Umbrella Corp", domain: "umbrella.example" },
      { external_id: "001B", name: "Umbra Labs", domain: "umbralabs.io" },
      { external_id: "001C", name: "Initech", domain: "initech.example" },
    ],
  });
  await post(s.app, admin, "/api/contacts", {
    first_name: "Ada",
    last_name: "Umbridge",
    email: "ada@initech.example",
  });
  await post(s.app, admin, "/api/opportunities", {
    name: "Umbrella renewal",
    stage: "proposal",
    currency: "USD",
  });
  const account = await post(s.app, admin, "/api/accounts", { name: "Billing only" });
  await post(s.app, admin, "/api/subscriptions/bulk", {
    source: "stripe",
    records: [
      {
        external_id: "sub_1PzUMB",
        account_id: account.body.id,
        currency: "USD",
        items: [],
        started_at: "2026-01-01T00:00:00Z",
      },
    ],
  });
  await post(s.app, s.other.headers, "/api/accounts", { name: "Umbrella (other workspace)" });
});
afterAll(() => s?.close());

const search = async (q: string, headers = admin) =>
  request(s.app, "GET", `/api/search?q=${encodeURIComponent(q)}`, headers);

describe("global search", () => {
  it("finds records across objects by name, exact matches first", async () => {
    const res = await search("umbr");
    expect(res.status).toBe(200);
    const groups = res.body.data as Group[];
    expect(groups.map((g) => g.object)).toEqual(["accounts", "contacts", "opportunities"]);
    expect(groups[0].hits.map((h) => h.title)).toEqual(["Umbra Labs", "Umbrella Corp"]);
    expect(groups[1].hits[0]).toMatchObject({
      title: "Ada Umbridge",
      detail: "ada@initech.example",
      matched: "last_name",
    });
    expect(groups[2]).toMatchObject({ path: "opportunities", hits: [{ title: "Umbrella renewal" }] });
    const exact = (await search("Umbra Labs")).body.data as Group[];
    expect(exact[0].hits[0].title).toBe("Umbra Labs");
  });

  it("finds by email, domain and external id", async () => {
    const byEmail = (await search("ada@initech")).body.data as Group[];
    expect(byEmail.find((g) => g.object === "contacts")!.hits[0]).toMatchObject({ matched: "email" });
    const byDomain = (await search("initech.example")).body.data as Group[];
    expect(byDomain.find((g) => g.object === "accounts")!.hits[0]).toMatchObject({
      title: "Initech",
      matched: "domain",
    });
    const byExternal = (await search("001B")).body.data as Group[];
    expect(byExternal).toEqual([
      {
        object: "accounts",
        path: "accounts",
        label: "Accounts",
        hits: [expect.objectContaining({ title: "Umbra Labs", matched: "external_id" })],
      },
    ]);
    const stripe = (await search("sub_1PzUMB")).body.data as Group[];
    expect(stripe.map((g) => g.object)).toEqual(["subscriptions"]);
  });

  it("limits hits per object, treats wildcards as text and keeps workspaces apart", async () => {
    const limited = (await request(s.app, "GET", "/api/search?q=umbr&limit=1", admin)).body.data as Group[];
    expect(limited[0].hits).toHaveLength(1);
    expect((await search("%")).status).toBe(400);
    expect(((await search("_%")).body.data as Group[]).length).toBe(0);
    const other = (await search("umbrella", s.other.headers)).body.data as Group[];
    expect(other[0].hits.map((h) => h.title)).toEqual(["Umbrella (other workspace)"]);
  });

  it("answers every role with the objects it may read, and refuses short queries", async () => {
    for (const role of ["viewer", "sales_rep", "finance", "partner_ops"] as const) {
      const res = await search("umbrella", s.keys[role]);
      expect(res.status).toBe(200);
      expect((res.body.data as Group[]).some((g) => g.object === "accounts")).toBe(true);
    }
    const short = await search("u");
    expect(short.body.error).toMatchObject({ code: "bad_request", field: "q" });
    expect((await request(s.app, "GET", "/api/search?q=umbr&limit=99", admin)).body.error.field).toBe(
      "limit",
    );
    expect((await request(s.app, "GET", "/api/search?q=umbr", {})).status).toBe(401);
  });
});
