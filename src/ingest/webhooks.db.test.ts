import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { signatureHeader } from "./index.ts";

let s: TestServer;
let secret: string;
beforeAll(async () => {
  s = await openTestServer();
  const res = await s.app.inject({
    method: "POST",
    url: "/api/webhook-secrets/billing",
    headers: s.keys.admin,
  });
  expect(res.statusCode).toBe(201);
  secret = res.json().secret;
});
afterAll(() => s?.close());

const send = (body: string, signature: string | undefined, workspace = s.ws.workspace.id) =>
  s.app.inject({
    method: "POST",
    url: "/api/webhooks/billing",
    headers: {
      "content-type": "application/json",
      "revline-workspace": workspace,
      ...(signature ? { "revline-signature": signature } : {}),
    },
    payload: body,
  });
const countAccounts = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from accounts where workspace_id = ${s.ws.workspace.id}
    and source = 'billing'`.execute(s.database.db)
  ).rows[0].n;
const event = (id: string, record: Record<string, unknown>) =>
  JSON.stringify({ id, type: "account.updated", object: "accounts", record });

it("accepts a signed event and upserts the record through the import pipeline, journalled", async () => {
  const body = event("evt_1", {
    external_id: "cust_1",
    name: "Acme",
    domain: "acme.example",
    lifecycle_stage: "customer",
  });
  const res = await send(body, signatureHeader(secret, body));
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ event_id: "evt_1", duplicate: false, created: 1 });
  const id = res.json().records[0].id;
  const history = await s.app.inject({
    method: "GET",
    url: `/api/accounts/${id}/history`,
    headers: s.keys.admin,
  });
  expect(history.json().data[0]).toMatchObject({
    action: "created",
    actor_type: "system",
    actor_id: "webhook:billing",
  });
  const update = event("evt_2", { external_id: "cust_1", name: "Acme Inc" });
  const second = await send(update, signatureHeader(secret, update));
  expect(second.json()).toMatchObject({ updated: 1 });
});

it("answers a replayed event id as a duplicate and writes nothing", async () => {
  const body = event("evt_3", { external_id: "cust_3", name: "Replay Co" });
  expect((await send(body, signatureHeader(secret, body))).json()).toMatchObject({ created: 1 });
  const before = await countAccounts();
  const again = await send(body, signatureHeader(secret, body));
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ event_id: "evt_3", duplicate: true, created: 1 });
  expect(await countAccounts()).toBe(before);
});

it("refuses a bad signature, a stale or future timestamp and a missing header with 401, storing nothing", async () => {
  const before = await countAccounts();
  const body = event("evt_bad", { external_id: "cust_bad", name: "Evil" });
  const now = Math.floor(Date.now() / 1000);
  for (const signature of [
    signatureHeader("whsec_wrong", body),
    // 30 s past the 300 s tolerance either way, so a slow run cannot bring them back within it.
    signatureHeader(secret, body, now - 330),
    signatureHeader(secret, body, now + 330),
    signatureHeader(secret, `${body} `),
    "t=123",
    undefined,
  ]) {
    const res = await send(body, signature);
    expect(res.statusCode).toBe(401);
  }
  expect(await countAccounts()).toBe(before);
  const events = await sql<{
    n: number;
  }>`select count(*)::int as n from webhook_events where event_id = 'evt_bad'`.execute(s.database.db);
  expect(events.rows[0].n).toBe(0);
  const ok = await send(body, signatureHeader(secret, body, Math.floor(Date.now() / 1000) - 290));
  expect(ok.statusCode).toBe(200);
});

it("refuses an invalid record with 422 and stores nothing, so a fixed retry with the same id goes through", async () => {
  const bad = event("evt_4", { external_id: "cust_4", domain: "no-name.example" });
  const res = await send(bad, signatureHeader(secret, bad));
  expect(res.statusCode).toBe(422);
  expect(res.json().error).toMatchObject({ field: "name" });
  const fixed = event("evt_4", { external_id: "cust_4", name: "Named" });
  expect((await send(fixed, signatureHeader(secret, fixed))).json()).toMatchObject({
    created: 1,
    duplicate: false,
  });
});

it("rotates the secret (shown once); the previous one stays valid during the grace period; admins only", async () => {
  const rotated = await s.app.inject({
    method: "POST",
    url: "/api/webhook-secrets/billing",
    headers: s.keys.admin,
  });
  expect(rotated.json()).toMatchObject({ rotated: true, previous_valid_hours: 24 });
  const fresh = rotated.json().secret;
  const body = event("evt_5", { external_id: "cust_5", name: "Rotated" });
  expect((await send(body, signatureHeader(secret, body))).statusCode).toBe(200);
  const body2 = event("evt_6", { external_id: "cust_6", name: "Rotated 2" });
  expect((await send(body2, signatureHeader(fresh, body2))).statusCode).toBe(200);
  const list = await s.app.inject({ method: "GET", url: "/api/webhook-secrets", headers: s.keys.admin });
  expect(JSON.stringify(list.json())).not.toContain(fresh);
  const rep = await s.app.inject({
    method: "POST",
    url: "/api/webhook-secrets/billing",
    headers: s.keys.sales_rep,
  });
  expect(rep.statusCode).toBe(403);
  const other = await send(body2, signatureHeader(fresh, body2), s.other.ws.workspace.id);
  expect(other.statusCode).toBe(401);
});

it("maps preset rows too (a HubSpot contact row from a hubspot webhook)", async () => {
  await s.app
    .inject({ method: "POST", url: "/api/webhook-secrets/hubspot", headers: s.keys.admin })
    .then((r) => {
      secret = r.json().secret;
    });
  const body = JSON.stringify({
    id: "hs_1",
    preset: "hubspot-contacts",
    row: { "Record ID": "777", Email: "Row@Example.com", "Lifecycle Stage": "Lead" },
  });
  const res = await s.app.inject({
    method: "POST",
    url: "/api/webhooks/hubspot",
    headers: {
      "content-type": "application/json",
      "revline-workspace": s.ws.workspace.id,
      "revline-signature": signatureHeader(secret, body),
    },
    payload: body,
  });
  expect(res.json()).toMatchObject({ created: 1 });
});

it("a delete event deletes the source's record, refuses one others refer to, and ignores an unknown key", async () => {
  const del = (id: string, externalId: string) =>
    JSON.stringify({
      id,
      type: "account.deleted",
      action: "delete",
      object: "accounts",
      record: { external_id: externalId },
    });
  // The tests above rotated the secret: take a fresh one.
  const current = (
    await s.app.inject({ method: "POST", url: "/api/webhook-secrets/billing", headers: s.keys.admin })
  ).json().secret as string;
  const send1 = async (body: string) => send(body, signatureHeader(current, body));
  expect((await send1(event("evt_d1", { external_id: "cust_del", name: "Gone Ltd" }))).json()).toMatchObject({
    created: 1,
  });
  const before = await countAccounts();
  const deleted = await send1(del("evt_d2", "cust_del"));
  expect(deleted.statusCode).toBe(200);
  expect(deleted.json()).toMatchObject({ deleted: 1, records: [{ object: "accounts", action: "deleted" }] });
  expect(await countAccounts()).toBe(before - 1);
  const audit = await sql<{
    action: string;
  }>`select action from audit_log where workspace_id = ${s.ws.workspace.id}
    and record_id = ${deleted.json().records[0].id} order by id desc limit 1`.execute(s.database.db);
  expect(audit.rows[0]?.action).toBe("deleted");

  // Unknown to Revline (never sent): nothing to delete, the event is still taken.
  const unknown = await send1(del("evt_d3", "cust_never"));
  expect([unknown.statusCode, unknown.json().deleted, unknown.json().records]).toEqual([200, 0, []]);

  // A contact refers to the account: 409 naming what refers to it, nothing stored, and the same
  // event id can be sent again once the reference is gone.
  expect((await send1(event("evt_d4", { external_id: "cust_ref", name: "Kept Co" }))).json().created).toBe(1);
  const contact = JSON.stringify({
    id: "evt_d5",
    object: "contacts",
    record: { external_id: "p_1", email: "p1@kept.example", account_external_id: "cust_ref" },
  });
  expect((await send1(contact)).json().created).toBe(1);
  const refused = await send1(del("evt_d6", "cust_ref"));
  expect(refused.statusCode).toBe(409);
  expect(refused.json().error.message).toMatch(/contacts still refer to it \(account_id\)/);
  const kept = await sql<{
    n: number;
  }>`select count(*)::int as n from accounts where workspace_id = ${s.ws.workspace.id}
    and source = 'billing' and external_id = 'cust_ref'`.execute(s.database.db);
  expect(kept.rows[0].n).toBe(1);
  const seen = await sql<{ n: number }>`select count(*)::int as n from webhook_events
    where workspace_id = ${s.ws.workspace.id} and event_id = 'evt_d6'`.execute(s.database.db);
  expect(seen.rows[0].n).toBe(0);

  // A record merged into another left its key as an alias of the survivor (what a merge writes):
  // the delete unlinks the alias and keeps the survivor, which other sources may still hold.
  const survivor = await sql<{ id: string }>`select id from accounts where workspace_id = ${s.ws.workspace.id}
    and source = 'billing' and external_id = 'cust_ref'`.execute(s.database.db);
  await sql`insert into record_aliases (workspace_id, object, source, external_id, record_id, merge_id)
    values (${s.ws.workspace.id}, 'accounts', 'billing', 'cust_merged', ${survivor.rows[0].id}, 'mrg_test')`.execute(
    s.database.db,
  );
  const unlinked = await send1(del("evt_d8", "cust_merged"));
  expect(unlinked.json()).toMatchObject({
    deleted: 0,
    records: [{ object: "accounts", id: survivor.rows[0].id, action: "unlinked" }],
  });
  const aliases = await sql<{ n: number }>`select count(*)::int as n from record_aliases
    where workspace_id = ${s.ws.workspace.id} and external_id = 'cust_merged'`.execute(s.database.db);
  expect(aliases.rows[0].n).toBe(0);
  const stillThere = await sql<{ n: number }>`select count(*)::int as n from accounts
    where workspace_id = ${s.ws.workspace.id} and id = ${survivor.rows[0].id}`.execute(s.database.db);
  expect(stillThere.rows[0].n).toBe(1);

  const missingKey = JSON.stringify({ id: "evt_d7", action: "delete", object: "accounts", record: {} });
  const bad = await send1(missingKey);
  expect([bad.statusCode, bad.json().error.field]).toEqual([422, "record.external_id"]);
});
