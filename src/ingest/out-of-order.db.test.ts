import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { importFile, sample } from "./testing/import-file.ts";

let database: Database;
const actorFor = async (name: string): Promise<Actor> =>
  systemActor((await createTestWorkspace(database.db, name)).workspace.id);
const q = async (query: ReturnType<typeof sql>) =>
  (await query.execute(database.db)).rows as Array<Record<string, any>>;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

it("contacts and deals before their companies: references wait and are filled when the companies arrive", async () => {
  const actor = await actorFor("Contacts first");
  const ws = actor.workspaceId;
  const contacts = await importFile(database.db, actor, sample("hubspot-contacts.csv"), "hubspot-contacts");
  const deals = await importFile(database.db, actor, sample("hubspot-deals.csv"), "hubspot-deals");
  expect([contacts.created, deals.created]).toEqual([6, 4]);
  expect(
    await q(
      sql`select count(*)::int as n from contacts where workspace_id = ${ws} and account_id is not null`,
    ),
  ).toEqual([{ n: 0 }]);
  const waiting = await q(sql`select count(*)::int as n from pending_references where workspace_id = ${ws}`);
  expect(waiting[0].n).toBe(5 + 4);

  const companies = await importFile(
    database.db,
    actor,
    sample("hubspot-companies.csv"),
    "hubspot-companies",
  );
  expect(companies.resolved).toBe(5 + 4 + 1);
  const linked = await q(sql`select c.external_id, a.external_id as company from contacts c
    join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id where c.workspace_id = ${ws} order by 1`);
  expect(linked.map((r) => [r.external_id, r.company])).toEqual([
    ["101", "9001"],
    ["102", "9002"],
    ["103", "9003"],
    ["104", "9005"],
    ["105", "9004"],
  ]);
  expect(
    await q(
      sql`select count(*)::int as n from opportunities where workspace_id = ${ws} and account_id is null`,
    ),
  ).toEqual([{ n: 0 }]);
  expect(await q(sql`select count(*)::int as n from pending_references where workspace_id = ${ws}`)).toEqual([
    { n: 0 },
  ]);
  const version = await q(
    sql`select version from contacts where workspace_id = ${ws} and external_id = '101'`,
  );
  expect(version[0].version).toBe(2);
});

it("records that cannot exist without their parent wait whole: Stripe invoices before customers, history before deals", async () => {
  const actor = await actorFor("Invoices first");
  const ws = actor.workspaceId;
  const refunds = await importFile(database.db, actor, sample("stripe-refunds.csv"), "stripe-refunds");
  const invoices = await importFile(database.db, actor, sample("stripe-invoices.csv"), "stripe-invoices");
  const payments = await importFile(database.db, actor, sample("stripe-payments.csv"), "stripe-payments");
  expect([refunds.deferred, invoices.deferred, payments.deferred]).toEqual([1, 3, 2]);
  expect(await q(sql`select count(*)::int as n from invoices where workspace_id = ${ws}`)).toEqual([
    { n: 0 },
  ]);
  // Re-importing a waiting file changes nothing.
  const again = await importFile(database.db, actor, sample("stripe-invoices.csv"), "stripe-invoices");
  expect([again.created, again.deferred]).toEqual([0, 3]);

  const customers = await importFile(database.db, actor, sample("stripe-customers.csv"), "stripe-customers");
  expect(customers.resolved).toBeGreaterThanOrEqual(3 + 2 + 1);
  const trail =
    await q(sql`select i.external_id as invoice, p.external_id as payment, r.external_id as refund, i.subscription_id
    from invoices i left join payments p on p.workspace_id = i.workspace_id and p.invoice_id = i.id
    left join refunds r on r.workspace_id = p.workspace_id and r.payment_id = p.id where i.workspace_id = ${ws} order by 1`);
  expect(trail.map((r) => [r.invoice, r.payment, r.refund])).toEqual([
    ["in_1PqA001", "ch_3PqB001", "re_3PqD001"],
    ["in_1PqA002", null, null],
    ["in_1PqA003", "ch_3PqB002", null],
  ]);
  expect(trail.every((r) => r.subscription_id === null)).toBe(true);
  const subs = await importFile(
    database.db,
    actor,
    sample("stripe-subscriptions.csv"),
    "stripe-subscriptions",
  );
  expect(subs.created).toBe(3);
  expect(
    await q(
      sql`select count(*)::int as n from invoices where workspace_id = ${ws} and subscription_id is null`,
    ),
  ).toEqual([{ n: 0 }]);
  expect(await q(sql`select count(*)::int as n from pending_references where workspace_id = ${ws}`)).toEqual([
    { n: 0 },
  ]);

  const history = await importFile(
    database.db,
    actor,
    sample("salesforce-opportunity-history.csv"),
    "salesforce-opportunity-history",
  );
  expect(history.deferred).toBe(5);
  await importFile(database.db, actor, sample("salesforce-opportunities.csv"), "salesforce-opportunities");
  const rows = await q(
    sql`select count(*)::int as n from opportunity_stage_history where workspace_id = ${ws} and source = 'salesforce'`,
  );
  expect(rows[0].n).toBe(5);
});
