import type { RunningServer } from "./server.harness.ts";

type Row = Record<string, any> & { id: string; version: number };

export interface Seeded {
  acme: Row;
  ada: Row;
  platform: Row;
  expansion: Row;
  batch: Row[];
  rep: { id: string; email: string; password: string };
}

/**
 * One account with every team's data on it (marketing, sales, communication, support,
 * finance, partner, lifecycle), thirty plain accounts to edit in bulk, and a sales rep with a
 * deal and a task of their own. Everything goes through the API, as a user's data would.
 */
export async function seedWorkspace(server: RunningServer): Promise<Seeded> {
  const post = (path: string, body: unknown) => server.api<Row>("POST", path, body);
  const partner = await post("/api/partners", { name: "Northwind", kind: "reseller" });
  await post("/api/accounts/bulk", {
    source: "salesforce",
    records: [
      {
        external_id: "SF-0042",
        name: "Acme Corporation",
        domain: "acme.com",
        industry: "Manufacturing",
        segment: "enterprise",
        employees: 1200,
        annual_revenue_minor: 12_500_000_00,
        currency: "USD",
        partner_id: partner.id,
      },
    ],
  });
  const { data: found } = await server.api<{ data: Row[] }>("GET", "/api/accounts?external_id=SF-0042");
  const acme = await server.api<Row>("PATCH", `/api/accounts/${found[0].id}`, {
    version: found[0].version,
    lifecycle_stage: "customer",
  });
  const ada = await post("/api/contacts", {
    account_id: acme.id,
    first_name: "Ada",
    last_name: "Lovelace",
    email: "ada@acme.com",
  });
  const campaign = await post("/api/campaigns", {
    name: "Spring webinar",
    channel: "webinar",
    currency: "USD",
  });
  await post("/api/touchpoints", {
    kind: "webinar_registration",
    occurred_at: "2026-01-10T09:00:00Z",
    contact_id: ada.id,
    campaign_id: campaign.id,
  });
  const platform = await post("/api/opportunities", {
    name: "Acme platform",
    account_id: acme.id,
    pipeline: "new_business",
    stage: "discovery",
    probability: 40,
    amount_minor: 48_000_00,
    currency: "USD",
    close_date: "2026-12-15",
    partner_id: partner.id,
  });
  const expansion = await post("/api/opportunities", {
    name: "Acme expansion",
    account_id: acme.id,
    pipeline: "expansion",
    type: "expansion",
    stage: "proposal",
    probability: 60,
    amount_minor: 25_000_00,
    currency: "USD",
  });
  await post("/api/activities", {
    kind: "email",
    direction: "outbound",
    subject: "Kick-off notes",
    occurred_at: "2026-02-01T10:00:00Z",
    contact_id: ada.id,
  });
  await post("/api/tickets", {
    subject: "Cannot export",
    opened_at: "2026-02-03T08:00:00Z",
    account_id: acme.id,
  });
  const product = await post("/api/products", { name: "Pro plan", sku: "PRO" });
  const subscription = await post("/api/subscriptions", {
    account_id: acme.id,
    currency: "USD",
    billing_interval: "month",
    items: [{ product_id: product.id, quantity: 10, unit_amount_minor: 12_000 }],
    started_at: "2026-02-01T00:00:00Z",
  });
  const invoice = await post("/api/invoices", {
    account_id: acme.id,
    subscription_id: subscription.id,
    number: "INV-1001",
    status: "paid",
    currency: "USD",
    issued_at: "2026-02-01T00:00:00Z",
    total_minor: 120_000,
  });
  const payment = await post("/api/payments", {
    account_id: acme.id,
    invoice_id: invoice.id,
    status: "succeeded",
    amount_minor: 120_000,
    currency: "USD",
    method: "card",
    attempted_at: "2026-02-02T00:00:00Z",
  });
  await post("/api/refunds", {
    payment_id: payment.id,
    account_id: acme.id,
    amount_minor: 10_000,
    currency: "USD",
    reason: "goodwill",
    refunded_at: "2026-02-10T00:00:00Z",
  });
  await post("/api/accounts/bulk", {
    source: "e2e",
    records: Array.from({ length: 30 }, (_, i) => ({
      external_id: `batch-${i}`,
      name: `Batch ${String(i + 1).padStart(2, "0")}`,
      industry: "Retail",
      segment: "mid_market",
      currency: "USD",
    })),
  });
  const { data: batch } = await server.api<{ data: Row[] }>(
    "GET",
    "/api/accounts?name[like]=Batch&sort=name&limit=30",
  );

  const rep = { email: "riley@example.com", password: "riley-rep-password-1" };
  const user = await post("/api/users", { ...rep, name: "Riley Rep", role: "sales_rep" });
  await post("/api/opportunities", {
    name: "Rep's own deal",
    owner_id: user.id,
    pipeline: "new_business",
    stage: "qualification",
    amount_minor: 9_000_00,
    currency: "USD",
  });
  await post("/api/activities", {
    kind: "task",
    subject: "Call Globex back",
    occurred_at: new Date().toISOString(),
    due_at: new Date(Date.now() + 86_400_000).toISOString(),
    owner_id: user.id,
  });
  return { acme, ada, platform, expansion, batch, rep: { id: user.id, ...rep } };
}
