import type { App } from "../context.ts";

type Headers = Record<string, string>;
type Body = Record<string, unknown>;

export async function post(app: App, headers: Headers, path: string, body: unknown) {
  const res = await app.inject({ method: "POST", url: path, headers, payload: body as Body });
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
}

export async function request(
  app: App,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  headers: Headers,
  body?: unknown,
) {
  const res = await app.inject({
    method,
    url: path,
    headers,
    ...(body === undefined ? {} : { payload: body as Body }),
  });
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
}

async function created(app: App, headers: Headers, path: string, body: Body): Promise<Body> {
  const res = await post(app, headers, path, body);
  if (res.status !== 201) throw new Error(`creating ${path} failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * One valid record of every object, parents first, each created through the API: the
 * per-object payloads a test changes or breaks.
 */
export async function seedEveryObject(app: App, headers: Headers): Promise<Record<string, Body>> {
  const r: Record<string, Body> = {};
  r.teams = await created(app, headers, "/api/teams", { name: "Sales EMEA", kind: "sales" });
  r.partners = await created(app, headers, "/api/partners", {
    name: "Northwind Resellers",
    kind: "reseller",
  });
  r.accounts = await created(app, headers, "/api/accounts", {
    name: "Globex",
    domain: "globex.example",
    segment: "mid_market",
  });
  r.campaigns = await created(app, headers, "/api/campaigns", {
    name: "Q1 webinar",
    channel: "webinar",
    currency: "USD",
    spend_minor: 250000,
  });
  r.contacts = await created(app, headers, "/api/contacts", {
    first_name: "Ada",
    last_name: "Lovelace",
    email: "ada@globex.example",
    account_id: r.accounts.id,
  });
  r.lifecycle_transitions = await created(app, headers, "/api/lifecycle-transitions", {
    subject_type: "contact",
    subject_id: r.contacts.id,
    from_stage: "lead",
    to_stage: "mql",
    transitioned_at: "2026-01-05T10:00:00Z",
  });
  r.costs = await created(app, headers, "/api/costs", {
    category: "sales_salaries",
    incurred_on: "2026-01-31",
    amount_minor: 1200000,
    currency: "USD",
  });
  r.touchpoints = await created(app, headers, "/api/touchpoints", {
    kind: "webinar_registration",
    occurred_at: "2026-01-04T09:00:00Z",
    contact_id: r.contacts.id,
    campaign_id: r.campaigns.id,
  });
  r.opportunities = await created(app, headers, "/api/opportunities", {
    name: "Globex platform",
    account_id: r.accounts.id,
    stage: "discovery",
    amount_minor: 4800000,
    currency: "USD",
    close_date: "2026-03-31",
  });
  r.opportunity_stage_history = await created(app, headers, "/api/opportunity-stage-history", {
    opportunity_id: r.opportunities.id,
    from_stage: "qualification",
    to_stage: "discovery",
    changed_at: "2026-01-10T00:00:00Z",
  });
  r.activities = await created(app, headers, "/api/activities", {
    kind: "call",
    occurred_at: "2026-01-06T15:00:00Z",
    account_id: r.accounts.id,
    duration_seconds: 900,
  });
  r.tickets = await created(app, headers, "/api/tickets", {
    subject: "Cannot export",
    opened_at: "2026-02-01T08:00:00Z",
    account_id: r.accounts.id,
  });
  r.products = await created(app, headers, "/api/products", { name: "Pro plan", sku: "PRO" });
  r.price_book_entries = await created(app, headers, "/api/price-book-entries", {
    product_id: r.products.id,
    currency: "USD",
    unit_amount_minor: 9900,
    billing_interval: "month",
  });
  r.subscriptions = await created(app, headers, "/api/subscriptions", {
    account_id: r.accounts.id,
    currency: "USD",
    billing_interval: "year",
    items: [{ product_id: r.products.id, quantity: 10, unit_amount_minor: 120000 }],
    started_at: "2026-02-01T00:00:00Z",
  });
  r.subscription_versions = await created(app, headers, "/api/subscription-versions", {
    subscription_id: r.subscriptions.id,
    effective_at: "2026-01-15T00:00:00Z",
    status: "trialing",
    currency: "USD",
    billing_interval: "year",
    items: [],
  });
  r.invoices = await created(app, headers, "/api/invoices", {
    account_id: r.accounts.id,
    subscription_id: r.subscriptions.id,
    currency: "USD",
    issued_at: "2026-02-01T00:00:00Z",
    total_minor: 1200000,
  });
  r.invoice_lines = await created(app, headers, "/api/invoice-lines", {
    invoice_id: r.invoices.id,
    unit_amount_minor: 120000,
    quantity: 10,
    period_start: "2026-02-01",
    period_end: "2027-01-31",
  });
  r.payments = await created(app, headers, "/api/payments", {
    account_id: r.accounts.id,
    invoice_id: r.invoices.id,
    status: "succeeded",
    amount_minor: 1200000,
    currency: "USD",
    attempted_at: "2026-02-02T00:00:00Z",
  });
  r.refunds = await created(app, headers, "/api/refunds", {
    payment_id: r.payments.id,
    amount_minor: 10000,
    currency: "USD",
    refunded_at: "2026-02-10T00:00:00Z",
  });
  r.targets = await created(app, headers, "/api/targets", {
    kpi: "bookings",
    period_start: "2026-01-01",
    period_end: "2026-03-31",
    value: 50000000,
    currency: "USD",
    team_id: r.teams.id,
  });
  r.fx_rates = await created(app, headers, "/api/fx-rates", {
    base_currency: "EUR",
    quote_currency: "USD",
    rate: 1.08,
    rate_date: "2026-01-31",
  });
  return r;
}

/** A change that every object accepts, to exercise PATCH generically. */
export const PATCHES: Record<string, Body> = {
  teams: { name: "Sales Europe" },
  partners: { tier: "gold" },
  accounts: { industry: "Manufacturing" },
  campaigns: { status: "completed" },
  contacts: { title: "CTO" },
  lifecycle_transitions: { to_stage: "sql" },
  costs: { description: "January payroll" },
  touchpoints: { url: "https://globex.example/webinar" },
  opportunities: { next_step: "Send proposal" },
  opportunity_stage_history: { changed_by: "importer" },
  activities: { outcome: "connected" },
  tickets: { priority: "high" },
  products: { family: "Platform" },
  price_book_entries: { active: false },
  subscriptions: { cancel_at: "2027-01-31T00:00:00Z" },
  subscription_versions: { change_reason: "imported" },
  invoices: { status: "paid" },
  invoice_lines: { description: "Pro plan, annual" },
  payments: { method: "card" },
  refunds: { reason: "goodwill" },
  targets: { value: 60000000 },
  fx_rates: { rate: 1.09 },
};
