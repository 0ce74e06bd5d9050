import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../../api/testing/test-server.ts";
import { upload, waitForImport } from "../../ingest/testing/api-helpers.ts";
import { newId } from "../../model/ids.ts";
import { EXPECTED, FIXTURE_ACCOUNTS, FIXTURE_CONTACTS } from "./quality.fixture.ts";

// The hand-worked fixture of quality.fixture.ts, stored as it would be by an older load
// (straight into the tables, so invalid values the API now refuses are there too).
let s: TestServer;
const ids: Record<string, string> = {};
const get = (path: string, headers = s.keys.admin) => request(s.app, "GET", path, headers);

beforeAll(async () => {
  s = await openTestServer();
  const db = s.database.db;
  const workspace_id = s.ws.workspace.id;
  for (const [key, fields] of Object.entries(FIXTURE_ACCOUNTS)) {
    ids[key] = newId("acc");
    const owner_id = fields.owner_id ? s.ws.admin.id : null;
    await db
      .insertInto("accounts")
      .values({ ...fields, owner_id, workspace_id, id: ids[key] })
      .execute();
  }
  for (const [key, c] of Object.entries(FIXTURE_CONTACTS)) {
    const { account, ...fields } = c;
    ids[key] = newId("con");
    await db
      .insertInto("contacts")
      .values({ ...fields, account_id: account ? ids[account] : null, workspace_id, id: ids[key] })
      .execute();
  }
});
afterAll(() => s?.close());

describe("GET /api/quality/summary", () => {
  it("gives each object's mean score, distribution and reasons, worked out by hand", async () => {
    const res = await get("/api/quality/summary");
    expect(res.status).toBe(200);
    const [contacts, accounts] = res.body.data;
    expect(contacts).toMatchObject({
      object: "contacts",
      label: "Contacts",
      records: 4,
      score: EXPECTED.contacts.mean,
    });
    expect(contacts.buckets.map((b: any) => b.count)).toEqual(EXPECTED.contacts.buckets);
    expect(contacts.buckets[0]).toEqual({ label: "poor", min: 0, max: 49, count: 2 });
    expect(accounts).toMatchObject({ object: "accounts", records: 3, score: EXPECTED.accounts.mean });
    expect(accounts.buckets.map((b: any) => b.count)).toEqual(EXPECTED.accounts.buckets);
    // nobody lacks title and country, so does ada; grace lacks country.
    expect(contacts.reasons.slice(0, 2)).toEqual([
      { code: "missing_country", field: "country", count: 3, penalty: 5 },
      { code: "missing_title", field: "title", count: 2, penalty: 5 },
    ]);
    expect(contacts.reasons).toContainEqual({
      code: "email_disposable",
      field: "email",
      count: 1,
      penalty: 30,
    });
  });

  it("follows writes: a fixed record is rescored on the next read, a deleted one forgotten", async () => {
    const acme = (await get(`/api/accounts/${ids.acme}`)).body;
    const patched = await request(s.app, "PATCH", `/api/accounts/${ids.acme}`, s.keys.admin, {
      version: acme.version,
      industry: "Manufacturing",
      owner_id: s.ws.admin.id,
      domain: "WWW.Acme.com",
    });
    expect(patched.status).toBe(200);
    expect(patched.body.domain).toBe("acme.com");
    const contact = await request(s.app, "POST", "/api/contacts", s.keys.admin, {
      first_name: "Temp",
      email: "temp@acme.com",
    });
    await get("/api/quality/summary");
    await request(s.app, "DELETE", `/api/contacts/${contact.body.id}`, s.keys.admin);
    const { body } = await get("/api/quality/summary");
    const [contacts, accounts] = body.data;
    // acme 75 → 100: (100 + 70 + 100) / 3 = 90.0
    expect(accounts.score).toBe(90);
    // The temporary contact came and went; the contacts keep their four records and mean.
    expect(contacts.records).toBe(4);
    expect(contacts.score).toBe(EXPECTED.contacts.mean);
  });

  it("forgets a deleted record even when another one arrived meanwhile (same count)", async () => {
    const made = async (first_name: string) =>
      (
        await request(s.app, "POST", "/api/contacts", s.keys.admin, {
          first_name,
          email: `${first_name}@acme.com`,
        })
      ).body.id as string;
    const first = await made("first");
    await get("/api/quality/summary");
    await request(s.app, "DELETE", `/api/contacts/${first}`, s.keys.admin);
    const second = await made("second");
    const { body } = await get("/api/quality/summary");
    expect(body.data[0].records).toBe(5);
    const listed = (await get("/api/quality/contacts?limit=100")).body.data.map((r: any) => r.id);
    expect(listed).toContain(second);
    expect(listed).not.toContain(first);
    await request(s.app, "DELETE", `/api/contacts/${second}`, s.keys.admin);
  });
});

describe("GET /api/quality/:object", () => {
  it("lists records worst first with their reasons, a keyset page at a time", async () => {
    const first = await get("/api/quality/contacts?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.data.map((r: any) => [r.title, r.score])).toEqual([
      [ids.nobody, 35],
      ["Alan Turing", 40],
    ]);
    expect(first.body.data[1].reasons.map((r: any) => r.message)).toEqual([
      'email: "not-an-email" is not a valid email address',
      "phone: +15550001 is not a valid number",
    ]);
    expect(first.body.data[1].fields).toMatchObject({
      email: "not-an-email",
      phone: "+1 555 0001",
      country: "US",
    });
    const second = await get(`/api/quality/contacts?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((r: any) => [r.title, r.score])).toEqual([
      ["Ada Lovelace", 50],
      ["Grace Hopper", 80],
    ]);
    expect(second.body.next_cursor).toBeNull();
  });

  it("filters by score range and by reason", async () => {
    const range = await get("/api/quality/contacts?min_score=40&max_score=50");
    expect(range.body.data.map((r: any) => r.score)).toEqual([40, 50]);
    const free = await get("/api/quality/contacts?reason=email_free_mail");
    expect(free.body.data.map((r: any) => r.id)).toEqual([ids.grace]);
    const accounts = await get("/api/quality/accounts?reason=domain_free_mail");
    expect(accounts.body.data.map((r: any) => r.title)).toEqual(["Gmail Co"]);
  });

  it("answers a clear error for an unknown or unscored object and bad parameters", async () => {
    const unknown = await get("/api/quality/widgets");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "bad_request", field: "object" });
    expect(unknown.body.error.message).toContain(
      '"widgets" has no quality score; scored objects are contacts, accounts',
    );
    expect((await get("/api/quality/invoices")).status).toBe(400);
    const bad = await get("/api/quality/contacts?min_score=101");
    expect(bad.body.error).toMatchObject({
      field: "min_score",
      message: "min_score: must be a whole number from 0 to 100",
    });
    expect((await get("/api/quality/contacts?min_score=60&max_score=50")).body.error.field).toBe("min_score");
    expect((await get("/api/quality/contacts?cursor=nonsense")).body.error.field).toBe("cursor");
  });

  it("shows nothing of another workspace", async () => {
    const other = await get("/api/quality/contacts", s.other.headers);
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual([]);
    const summary = await get("/api/quality/summary", s.other.headers);
    expect(summary.body.data.map((o: any) => o.records)).toEqual([0, 0]);
    expect(summary.body.data[0].score).toBeNull();
  });
});

describe("GET /api/quality/:object/:id", () => {
  it("scores one record now, with its account's country", async () => {
    const res = await get(`/api/quality/contacts/${ids.grace}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: "contacts", id: ids.grace, title: "Grace Hopper", score: 80 });
    expect(res.body.reasons.map((r: any) => r.code)).toEqual([
      "email_free_mail",
      "missing_country",
      "phone_not_e164",
    ]);
  });

  it("is 404 for another workspace's record", async () => {
    const res = await get(`/api/quality/contacts/${ids.grace}`, s.other.headers);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("normalisation on write and import", () => {
  it("stores a contact's phone as E.164 and an account's registrable domain", async () => {
    const contact = await request(s.app, "POST", "/api/contacts", s.keys.admin, {
      first_name: "Hedy",
      phone: "030 12345678",
      country: "Germany",
    });
    expect(contact.body.phone).toBe("+493012345678");
    const kept = await request(s.app, "POST", "/api/contacts", s.keys.admin, {
      first_name: "Kept",
      phone: "ask Bob",
    });
    expect(kept.body.phone).toBe("ask Bob");
    const account = await request(s.app, "POST", "/api/accounts", s.keys.admin, {
      name: "Initech",
      website: "https://www.eu.initech.co.uk/contact",
    });
    expect(account.body.domain).toBe("initech.co.uk");
  });

  it("applies the same to imported rows", async () => {
    const content =
      "Record ID,First Name,Last Name,Email,Phone Number,Country/Region\n" +
      "901,Joan,Clarke,joan@bletchley.example,020 7946 0123,United Kingdom\n" +
      "902,Alan,Turing,alan@bletchley.example,+44 (0)20 7946 0456,\n";
    const res = await upload(s.app, s.keys.admin, { preset: "hubspot-contacts" }, { path: "c.csv", content });
    await waitForImport(s.app, s.keys.admin, res.body.id);
    const list = await get("/api/contacts?source=hubspot&sort=external_id");
    expect(list.body.data.map((c: any) => c.phone)).toEqual(["+442079460123", "+442079460456"]);
  });
});

it("is open to every role that reads CRM data, read-only ones included", async () => {
  expect((await get("/api/quality/contacts", s.keys.viewer)).status).toBe(200);
  expect((await get("/api/quality/summary", s.keys.finance)).body.data).toHaveLength(2);
});
