import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "../../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../../api/testing/test-server.ts";

// Fixture: two accounts and four leads (contacts without an account).
//   Acme  domain  acme.example              ← kim@acme.example, max@acme.example match it
//   Beta  website https://www.beta.example/  ← lee@beta.example matches it
//   sam@gmail.com matches nothing (free mail says nothing about a company)
let s: TestServer;
let admin: Record<string, string>;
const id: Record<string, string> = {};

const link = (contact: string, body: unknown, headers = admin) =>
  post(s.app, headers, `/api/dedupe/lead-matches/${contact}/link`, body);
const contact = async (contactId: string) =>
  (await request(s.app, "GET", `/api/contacts/${contactId}`, admin)).body;

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  const make = async (key: string, path: string, body: Record<string, unknown>) => {
    const res = await post(s.app, admin, path, body);
    expect(res.status).toBe(201);
    id[key] = res.body.id;
  };
  await make("acme", "/api/accounts", { name: "Acme", domain: "acme.example" });
  await make("beta", "/api/accounts", { name: "Beta", website: "https://www.beta.example/" });
  await make("kim", "/api/contacts", { email: "kim@acme.example" });
  await make("max", "/api/contacts", { email: "max@acme.example" });
  await make("lee", "/api/contacts", { email: "lee@beta.example" });
  await make("sam", "/api/contacts", { email: "sam@gmail.com" });
});
afterAll(() => s?.close());

describe("linking one lead to its matched account", () => {
  it("sets the contact's account and writes an audit entry", async () => {
    const res = await link(id.kim, { account_id: id.acme, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: id.kim, account_id: id.acme, version: 2 });
    expect((await contact(id.kim)).account_id).toBe(id.acme);
    const { rows } = await sql<{
      action: string;
      before: { account_id: string | null };
      after: { account_id: string };
    }>`
      select action, before, after from audit_log where object = 'contacts' and record_id = ${id.kim}
      order by id`.execute(s.database.db);
    expect(rows.map((r) => r.action)).toEqual(["created", "updated"]);
    expect(rows[1].before.account_id).toBeNull();
    expect(rows[1].after.account_id).toBe(id.acme);
  });

  it("refuses an account that is not one of the lead's matches, naming account_id", async () => {
    const wrong = await link(id.lee, { account_id: id.acme });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe("account_id");
    expect(wrong.body.error.message).toContain(id.acme);
    const freeMail = await link(id.sam, { account_id: id.acme });
    expect(freeMail.status).toBe(422);
    expect(freeMail.body.error.field).toBe("account_id");
    expect((await contact(id.lee)).account_id).toBeNull();
  });

  it("refuses a lead that already belongs to another account", async () => {
    const res = await link(id.kim, { account_id: id.beta });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe("contact_id");
  });

  it("answers 409 on a stale version and changes nothing", async () => {
    const res = await link(id.max, { account_id: id.acme, version: 7 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("version 1, not 7");
    expect((await contact(id.max)).account_id).toBeNull();
  });

  it("answers 404 naming the id for another workspace's or unknown records", async () => {
    const theirs = await link(id.max, { account_id: id.acme }, s.other.headers);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.message).toContain(id.max);
    const unknown = await link(id.max, { account_id: "acc_nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("account_id");
    expect(unknown.body.error.message).toContain("acc_nope");
    const missing = await link(id.max, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error.field).toBe("account_id");
  });

  it("needs CRM write permission", async () => {
    expect((await link(id.max, { account_id: id.acme }, s.keys.viewer)).status).toBe(403);
  });
});

describe("linking several leads at once", () => {
  const bulk = (links: unknown) => post(s.app, admin, "/api/dedupe/lead-matches/link", { links });

  it("links nothing when one link is refused, naming its row", async () => {
    const res = await bulk([
      { contact_id: id.lee, account_id: id.beta },
      { contact_id: id.max, account_id: id.beta },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain("links[1]");
    expect(res.body.error.details[0]).toMatchObject({ row: 1, field: "account_id" });
    expect((await contact(id.lee)).account_id).toBeNull();
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where object = 'contacts' and record_id = ${id.lee} and action = 'updated'`.execute(s.database.db);
    expect(audit.rows[0].n).toBe(0);
  });

  it("links every lead when all are matches", async () => {
    const res = await bulk([
      { contact_id: id.lee, account_id: id.beta },
      { contact_id: id.max, account_id: id.acme, version: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { account_id: string }) => c.account_id)).toEqual([id.beta, id.acme]);
    expect((await contact(id.lee)).account_id).toBe(id.beta);
    expect((await contact(id.max)).account_id).toBe(id.acme);
  });

  it("rejects an empty list and the same lead twice", async () => {
    expect((await bulk([])).status).toBe(422);
    const twice = await bulk([
      { contact_id: id.sam, account_id: id.acme },
      { contact_id: id.sam, account_id: id.beta },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.error.field).toBe("contact_id");
  });
});
