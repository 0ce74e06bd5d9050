import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { signatureHeader } from "./index.ts";

// Stripe's own event envelope and API objects (amounts in minor units, times in Unix seconds),
// signed as Stripe signs them: header Stripe-Signature, t=…,v1=HMAC-SHA256(secret, "t.body").
const STRIPE_SECRET = "whsec_stripe_endpoint_secret_0123456789";
let s: TestServer;
beforeAll(async () => {
  s = await openTestServer();
});
afterAll(() => s?.close());

const send = (event: Record<string, unknown>, secret = STRIPE_SECRET) => {
  const body = JSON.stringify(event);
  return s.app.inject({
    method: "POST",
    url: "/api/webhooks/stripe",
    headers: {
      "content-type": "application/json",
      "revline-workspace": s.ws.workspace.id,
      "stripe-signature": signatureHeader(secret, body),
    },
    payload: body,
  });
};
const stripeEvent = (id: string, type: string, object: Record<string, unknown>) => ({
  id,
  object: "event",
  api_version: "2024-06-20",
  created: 1767225600,
  type,
  data: { object },
});
const one = async (query: ReturnType<typeof sql>) =>
  (await query.execute(s.database.db)).rows[0] as Record<string, any>;

const SUBSCRIPTION = {
  id: "sub_T1",
  object: "subscription",
  customer: "cus_T1",
  status: "active",
  currency: "usd",
  start_date: 1767225600,
  current_period_end: 1769904000,
  cancel_at_period_end: false,
  items: {
    object: "list",
    data: [
      {
        id: "si_1",
        quantity: 10,
        price: {
          id: "price_team",
          nickname: "Team",
          unit_amount: 1990,
          currency: "usd",
          recurring: { interval: "month", interval_count: 1 },
        },
      },
      {
        id: "si_2",
        quantity: 1,
        price: {
          id: "price_addon",
          nickname: "Add-on",
          unit_amount: 500,
          currency: "usd",
          recurring: { interval: "month", interval_count: 1 },
        },
      },
    ],
  },
};

it("keeps the signing secret Stripe gives its endpoint (and refuses one that is not a secret)", async () => {
  const bad = await s.app.inject({
    method: "POST",
    url: "/api/webhook-secrets/stripe",
    headers: s.keys.admin,
    payload: { secret: "short" },
  });
  expect(bad.statusCode).toBe(422);
  expect(bad.json().error).toMatchObject({ field: "secret" });
  const res = await s.app.inject({
    method: "POST",
    url: "/api/webhook-secrets/stripe",
    headers: s.keys.admin,
    payload: { secret: STRIPE_SECRET },
  });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ source: "stripe", secret: STRIPE_SECRET });
});

it("takes Stripe's customer, subscription and invoice events as Stripe sends them", async () => {
  const customer = await send(
    stripeEvent("evt_T1", "customer.created", {
      id: "cus_T1",
      object: "customer",
      name: "Initech",
      email: "ap@initech.example",
      currency: "usd",
      created: 1767225600,
      address: { country: "US" },
    }),
  );
  expect(customer.statusCode).toBe(200);
  expect(customer.json()).toMatchObject({ event_id: "evt_T1", created: 2 }); // the account and its billing contact
  expect(
    await one(sql`select name, country, currency from accounts where workspace_id = ${s.ws.workspace.id}
      and source = 'stripe' and external_id = 'cus_T1'`),
  ).toEqual({ name: "Initech", country: "US", currency: "USD" });

  const subscription = await send(stripeEvent("evt_T2", "customer.subscription.created", SUBSCRIPTION));
  expect(subscription.json()).toMatchObject({ created: 1 });
  // Both items, in minor units: MRR 10 × 19.90 + 5.00 = 204.00.
  const sub =
    await one(sql`select s.status, s.billing_interval, s.mrr_minor, s.items, s.raw->>'object' as raw_object,
      a.external_id as customer
    from subscriptions s join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
    where s.workspace_id = ${s.ws.workspace.id} and s.source = 'stripe' and s.external_id = 'sub_T1'`);
  expect(sub).toMatchObject({
    status: "active",
    billing_interval: "month",
    mrr_minor: 20400,
    customer: "cus_T1",
    raw_object: "subscription", // the record keeps Stripe's own object as its raw provenance
  });
  expect(sub.items).toHaveLength(2);

  const invoice = await send(
    stripeEvent("evt_T3", "invoice.paid", {
      id: "in_T1",
      object: "invoice",
      number: "INI-0001",
      customer: "cus_T1",
      subscription: "sub_T1",
      status: "paid",
      currency: "usd",
      created: 1767225900,
      period_start: 1767225600,
      period_end: 1769904000,
      subtotal: 20400,
      tax: 1836,
      total: 22236,
      amount_due: 22236,
      amount_paid: 22236,
      status_transitions: { paid_at: 1767226000 },
    }),
  );
  expect(invoice.json()).toMatchObject({ created: 1 });
  expect(
    await one(sql`select status, total_minor, tax_minor, amount_paid_minor, paid_at from invoices
      where workspace_id = ${s.ws.workspace.id} and source = 'stripe' and external_id = 'in_T1'`),
  ).toMatchObject({
    status: "paid",
    total_minor: 22236,
    tax_minor: 1836,
    amount_paid_minor: 22236,
    paid_at: new Date(1767226000 * 1000),
  });
});

it("reads customer.subscription.deleted as a cancellation: the subscription stays, canceled", async () => {
  const res = await send(
    stripeEvent("evt_T4", "customer.subscription.deleted", {
      ...SUBSCRIPTION,
      status: "canceled",
      canceled_at: 1769000000,
      ended_at: 1769000000,
    }),
  );
  expect(res.json()).toMatchObject({ updated: 1, deleted: 0 });
  expect(
    await one(sql`select status, ended_at from subscriptions where workspace_id = ${s.ws.workspace.id}
      and source = 'stripe' and external_id = 'sub_T1'`),
  ).toEqual({ status: "canceled", ended_at: new Date(1769000000 * 1000) });
});

it("answers an event type it does not read with 200 and why, once; a wrong signature is 401", async () => {
  const event = stripeEvent("evt_T5", "payment_intent.succeeded", { id: "pi_1", object: "payment_intent" });
  const first = await send(event);
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({ duplicate: false, created: 0 });
  expect(first.json().ignored).toMatch(
    /^payment_intent\.succeeded: Revline reads Stripe's customer, subscription/,
  );
  expect((await send(event)).json()).toMatchObject({ duplicate: true });
  const forged = await send(
    stripeEvent("evt_T6", "customer.created", { id: "cus_X", object: "customer" }),
    "whsec_not_the_right_secret_000",
  );
  expect(forged.statusCode).toBe(401);
  expect(
    await one(
      sql`select count(*)::int as n from accounts where workspace_id = ${s.ws.workspace.id} and external_id = 'cus_X'`,
    ),
  ).toEqual({ n: 0 });
});
