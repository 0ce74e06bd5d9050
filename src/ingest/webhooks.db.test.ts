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
    signatureHeader(secret, body, now - 301),
    signatureHeader(secret, body, now + 301),
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
  const ok = await send(body, signatureHeader(secret, body, now - 299));
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
