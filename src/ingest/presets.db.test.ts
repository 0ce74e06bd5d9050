import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { importFile, sample } from "./testing/import-file.ts";

let database: Database;
let actor: Actor;
const one = async (query: ReturnType<typeof sql>) =>
  (await query.execute(database.db)).rows[0] as Record<string, any>;
const rows = async (query: ReturnType<typeof sql>) =>
  (await query.execute(database.db)).rows as Array<Record<string, any>>;

beforeAll(async () => {
  database = await openTestDatabase();
  const ws = await createTestWorkspace(database.db, "Presets");
  actor = systemActor(ws.workspace.id);
});
afterAll(() => database?.close());

const ORDER = [
  "hubspot-companies",
  "hubspot-contacts",
  "hubspot-deals",
  "salesforce-accounts",
  "salesforce-contacts",
  "salesforce-leads",
  "salesforce-opportunities",
  "salesforce-opportunity-history",
  "stripe-customers",
  "stripe-subscriptions",
  "stripe-invoices",
  "stripe-payments",
  "stripe-refunds",
  "zendesk-tickets",
];

describe("every preset on its sample file", () => {
  const summaries: Record<string, Record<string, any>> = {};
  beforeAll(async () => {
    for (const preset of ORDER)
      summaries[preset] = await importFile(database.db, actor, sample(`${preset}.csv`), preset);
  });
  const ws = () => actor.workspaceId;

  it("imports every row (one bad email quarantined) with the counts of the files", () => {
    const counts = Object.fromEntries(
      ORDER.map((p) => [
        p,
        [summaries[p].status, summaries[p].rows, summaries[p].created, summaries[p].rejected],
      ]),
    );
    expect(counts).toEqual({
      "hubspot-companies": ["completed", 5, 5, 0],
      "hubspot-contacts": ["completed", 7, 6, 1],
      "hubspot-deals": ["completed", 4, 4, 0],
      "salesforce-accounts": ["completed", 3, 3, 0],
      "salesforce-contacts": ["completed", 4, 4, 0],
      "salesforce-leads": ["completed", 4, 4, 0],
      "salesforce-opportunities": ["completed", 4, 4, 0],
      "salesforce-opportunity-history": ["completed", 5, 5, 0],
      "stripe-customers": ["completed", 3, 6, 0],
      "stripe-subscriptions": ["completed", 3, 3, 0],
      "stripe-invoices": ["completed", 3, 3, 0],
      "stripe-payments": ["completed", 2, 2, 0],
      "stripe-refunds": ["completed", 1, 1, 0],
      "zendesk-tickets": ["completed", 3, 7, 0],
    });
  });

  it("HubSpot: lifecycle labels, amounts in minor units, stages, references by company id", async () => {
    const ada = await one(sql`select c.email, c.lifecycle_stage, c.country, a.name as account from contacts c
      join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
      where c.workspace_id = ${ws()} and c.source = 'hubspot' and c.external_id = '101'`);
    expect(ada).toEqual({
      email: "ada.lovelace@globex.example",
      lifecycle_stage: "customer",
      country: "United States",
      account: "Globex Corporation",
    });
    const alan = await one(
      sql`select lifecycle_stage from contacts where workspace_id = ${ws()} and external_id = '103'`,
    );
    expect(alan.lifecycle_stage).toBe("sql");
    const globex = await one(sql`select annual_revenue_minor, currency, segment, employees from accounts
      where workspace_id = ${ws()} and source = 'hubspot' and external_id = '9001'`);
    expect(globex).toEqual({
      annual_revenue_minor: 1_250_000_000,
      currency: "USD",
      segment: "mid_market",
      employees: 850,
    });
    const child =
      await one(sql`select p.external_id from accounts c join accounts p on p.workspace_id = c.workspace_id
      and p.id = c.parent_account_id where c.workspace_id = ${ws()} and c.external_id = '9004'`);
    expect(child.external_id).toBe("9005");
    const deals =
      await rows(sql`select external_id, stage, status, amount_minor, currency, forecast_category, probability, type
      from opportunities where workspace_id = ${ws()} and source = 'hubspot' order by external_id`);
    expect(
      deals.map((d) => [
        d.external_id,
        d.stage,
        d.status,
        d.amount_minor,
        d.currency,
        d.forecast_category,
        d.probability,
        d.type,
      ]),
    ).toEqual([
      ["5001", "closed_won", "won", 4_800_000, "USD", "closed", 100, "expansion"],
      ["5002", "negotiation", "open", 1_850_050, "USD", "commit", 80, "new"],
      ["5003", "discovery", "open", 12_500_000, "EUR", "pipeline", 40, "new"],
      ["5004", "closed_lost", "lost", 900_000, "USD", "closed", 0, "new"],
    ]);
  });

  it("history: lifecycle transitions dated by the source, stage history per deal, a version per subscription", async () => {
    const journey = async (source: string, key: string) =>
      (
        await rows(sql`select lt.from_stage, lt.to_stage, lt.transitioned_at as at from lifecycle_transitions lt
          join contacts c on c.workspace_id = lt.workspace_id and c.id = lt.subject_id
          where lt.workspace_id = ${ws()} and c.source = ${source} and c.external_id = ${key}
          order by lt.transitioned_at`)
      ).map((r) => [r.from_stage, r.to_stage, new Date(r.at).toISOString()]);
    // HubSpot "Became a … Date" columns (hubspot-contacts.csv, times in UTC).
    expect(await journey("hubspot", "101")).toEqual([
      [null, "lead", "2025-03-05T10:00:00.000Z"],
      ["lead", "mql", "2025-03-20T09:00:00.000Z"],
      ["mql", "customer", "2025-06-30T15:00:00.000Z"],
    ]);
    expect(await journey("hubspot", "102")).toEqual([
      [null, "lead", "2025-04-12T09:30:00.000Z"],
      ["lead", "opportunity", "2025-05-02T11:00:00.000Z"],
    ]);
    // No stage date: its Create Date.
    expect(await journey("hubspot", "103")).toEqual([[null, "sql", "2025-05-21T13:45:00.000Z"]]);
    // Salesforce lead: a lead from CreatedDate, sales-qualified at ConvertedDate.
    expect(await journey("salesforce", "00QDn00000C3dEhEAF")).toEqual([
      [null, "lead", "2025-09-05T09:00:00.000Z"],
      ["lead", "sql", "2025-09-20T12:00:00.000Z"],
    ]);
    const h =
      await rows(sql`select h.to_stage, h.changed_at from opportunity_stage_history h join opportunities o
      on o.workspace_id = h.workspace_id and o.id = h.opportunity_id
      where h.workspace_id = ${ws()} and o.external_id = '006Dn00000D4eFgEAF' order by h.changed_at, h.to_stage`);
    expect(h.map((r) => r.to_stage)).toEqual(["closed_won", "prospecting", "proposal", "closed_won"]);
    const v = await one(
      sql`select count(*)::int as n from subscription_versions where workspace_id = ${ws()}`,
    );
    expect(v.n).toBe(3);
  });

  it("Salesforce: API names, stage mapping, leads as contacts, converted lead's account", async () => {
    const opp =
      await one(sql`select stage, type, probability, amount_minor, a.name as account from opportunities o
      join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
      where o.workspace_id = ${ws()} and o.external_id = '006Dn00000D4eFiEAF'`);
    expect(opp).toEqual({
      stage: "discovery",
      type: "new",
      probability: 20,
      amount_minor: 6_500_000,
      account: "Wayne Logistics",
    });
    const acme = await one(
      sql`select domain, segment, currency from accounts where workspace_id = ${ws()} and external_id = '001Dn00000A1bCeEAF'`,
    );
    expect(acme).toEqual({ domain: "wayne-logistics.example", segment: "mid_market", currency: "USD" });
    const leads =
      await rows(sql`select external_id, lifecycle_stage, custom, account_id is not null as has_account from contacts
      where workspace_id = ${ws()} and external_id like '00Q%' order by external_id`);
    expect(leads.map((l) => [l.lifecycle_stage, l.custom.company, l.has_account])).toEqual([
      ["lead", "Frequency Labs", false],
      ["lead", "Bit Works", false],
      ["sql", "Helix Bio", true],
      ["other", "Coil Corp", false],
    ]);
  });

  it("Stripe: customers as accounts with a billing contact, subscriptions with MRR, the money trail", async () => {
    const sub =
      await one(sql`select s.status, s.billing_interval, s.mrr_minor, s.currency, s.items, s.cancel_at, a.name
      from subscriptions s join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
      where s.workspace_id = ${ws()} and s.external_id = 'sub_1PqRsTuVwXyZ02'`);
    expect(sub).toMatchObject({
      status: "active",
      billing_interval: "year",
      mrr_minor: 9900,
      currency: "EUR",
      name: "Contoso",
    });
    expect(sub.items).toEqual([{ quantity: 5, unit_amount_minor: 23760, description: "Business Annual" }]);
    expect(new Date(sub.cancel_at).toISOString()).toBe("2027-02-14T12:30:00.000Z");
    const nameless = await one(
      sql`select name, domain from accounts where workspace_id = ${ws()} and external_id = 'cus_Q1aBcDeFgHiJkN'`,
    );
    expect(nameless).toEqual({ name: "founder@tinystartup.example", domain: "tinystartup.example" });
    const trail =
      await one(sql`select i.total_minor, i.status, p.amount_minor, p.status as payment_status, r.amount_minor as refunded
      from invoices i join payments p on p.workspace_id = i.workspace_id and p.invoice_id = i.id
      join refunds r on r.workspace_id = p.workspace_id and r.payment_id = p.id
      where i.workspace_id = ${ws()} and i.external_id = 'in_1PqA001'`);
    expect(trail).toEqual({
      total_minor: 21691,
      status: "paid",
      amount_minor: 21691,
      payment_status: "succeeded",
      refunded: 2000,
    });
    const failed = await one(
      sql`select status, failure_reason, method from payments where workspace_id = ${ws()} and external_id = 'ch_3PqB002'`,
    );
    expect(failed).toEqual({
      status: "failed",
      failure_reason: "Your card has insufficient funds.",
      method: "card",
    });
  });

  it("Zendesk: statuses, first reply, requester and organization", async () => {
    const t =
      await rows(sql`select t.external_id, t.status, t.priority, t.channel, t.satisfaction, t.first_response_at,
        c.email, a.name as org from tickets t
      left join contacts c on c.workspace_id = t.workspace_id and c.id = t.contact_id
      left join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id
      where t.workspace_id = ${ws()} order by t.external_id`);
    expect(t.map((r) => [r.status, r.priority, r.channel, r.satisfaction, r.email, r.org])).toEqual([
      ["solved", "normal", "email", "good", "ada.lovelace@globex.example", "Globex Corporation"],
      ["open", "urgent", "web_form", "offered", "grace@initech.example", "Initech"],
      ["on_hold", "low", "email", "unoffered", "ada.lovelace@globex.example", "Globex Corporation"],
    ]);
    expect(new Date(t[0].first_response_at).toISOString()).toBe("2026-01-05T09:54:00.000Z");
  });

  it("generic preset with a column-mapping file", async () => {
    const mapping = JSON.parse(readFileSync(sample("generic-contacts.mapping.json"), "utf8"));
    const s = await importFile(database.db, actor, sample("generic-contacts.csv"), "generic", { mapping });
    expect([s.created, s.rejected]).toEqual([3, 0]);
    const mary = await one(
      sql`select first_name, lifecycle_stage, custom, source from contacts where workspace_id = ${ws()} and external_id = 'L-1'`,
    );
    expect(mary).toEqual({
      first_name: "Mary",
      lifecycle_stage: "customer",
      custom: { signed_up: "2025-10-01" },
      source: "legacy_crm",
    });
  });

  it("re-importing every file changes nothing and writes nothing but the import rows", async () => {
    const count = async () =>
      one(sql`select (select count(*) from audit_log where workspace_id = ${ws()})::int as audit,
        (select count(*) from outbox_events where workspace_id = ${ws()})::int as outbox,
        (select coalesce(sum(version), 0) from contacts where workspace_id = ${ws()})::int as versions,
        (select count(*) from lifecycle_transitions where workspace_id = ${ws()})::int as transitions,
        (select count(*) from opportunity_stage_history where workspace_id = ${ws()})::int as stages`);
    const before = await count();
    for (const preset of ORDER) {
      const s = await importFile(database.db, actor, sample(`${preset}.csv`), preset);
      expect([preset, s.created, s.updated, s.deferred]).toEqual([preset, 0, 0, 0]);
      expect(s.unchanged).toBeGreaterThan(0);
    }
    expect(await count()).toEqual(before);
  });
});
