import { sql } from "kysely";
import type { Db } from "../../../db/types.ts";
import { OBJECTS } from "../../../model/registry.ts";
import { type Actor, createRecord, type Row } from "../../../records/index.ts";

/**
 * One row of every object that can reference a contact or an account, each pointing at
 * `target` (and at `other` where the row needs a second parent): the fixture that proves a
 * merge re-points every reference the registry knows.
 */
export async function relatedRows(
  db: Db,
  actor: Actor,
  object: "contacts" | "accounts",
  target: string,
): Promise<Record<string, Row>> {
  const create = (key: string, body: Row) =>
    createRecord(db, actor, OBJECTS.find((o) => o.key === key)!, body);
  const r: Record<string, Row> = {};
  if (object === "contacts") {
    r["touchpoints.contact_id"] = await create("touchpoints", {
      kind: "webinar_registration",
      occurred_at: "2026-01-04T09:00:00Z",
      contact_id: target,
    });
    r["opportunities.primary_contact_id"] = await create("opportunities", {
      name: "Platform deal",
      stage: "discovery",
      amount_minor: 480000,
      currency: "USD",
      close_date: "2026-03-31",
      primary_contact_id: target,
    });
    r["activities.contact_id"] = await create("activities", {
      kind: "call",
      occurred_at: "2026-01-06T15:00:00Z",
      contact_id: target,
    });
    r["tickets.contact_id"] = await create("tickets", {
      subject: "Cannot export",
      opened_at: "2026-02-01T08:00:00Z",
      contact_id: target,
    });
    r["lifecycle_transitions.subject_id"] = await create("lifecycle_transitions", {
      subject_type: "contact",
      subject_id: target,
      from_stage: "lead",
      to_stage: "mql",
      transitioned_at: "2026-01-05T10:00:00Z",
    });
    return r;
  }
  r["accounts.parent_account_id"] = await create("accounts", {
    name: "Globex Subsidiary",
    parent_account_id: target,
  });
  r["contacts.account_id"] = await create("contacts", { email: "ops@globex.example", account_id: target });
  r["touchpoints.account_id"] = await create("touchpoints", {
    kind: "web_visit",
    occurred_at: "2026-01-04T09:00:00Z",
    account_id: target,
  });
  r["opportunities.account_id"] = await create("opportunities", {
    name: "Globex platform",
    account_id: target,
    stage: "discovery",
    amount_minor: 4800000,
    currency: "USD",
    close_date: "2026-03-31",
  });
  r["activities.account_id"] = await create("activities", {
    kind: "meeting",
    occurred_at: "2026-01-06T15:00:00Z",
    account_id: target,
  });
  r["tickets.account_id"] = await create("tickets", {
    subject: "Invoice question",
    opened_at: "2026-02-01T08:00:00Z",
    account_id: target,
  });
  r["subscriptions.account_id"] = await create("subscriptions", {
    account_id: target,
    currency: "USD",
    billing_interval: "year",
    items: [{ quantity: 10, unit_amount_minor: 120000 }],
    started_at: "2026-02-01T00:00:00Z",
  });
  r["invoices.account_id"] = await create("invoices", {
    account_id: target,
    currency: "USD",
    issued_at: "2026-02-01T00:00:00Z",
    total_minor: 1200000,
  });
  r["payments.account_id"] = await create("payments", {
    account_id: target,
    status: "succeeded",
    amount_minor: 1200000,
    currency: "USD",
    attempted_at: "2026-02-02T00:00:00Z",
  });
  r["refunds.account_id"] = await create("refunds", {
    account_id: target,
    payment_id: r["payments.account_id"].id,
    amount_minor: 10000,
    currency: "USD",
    refunded_at: "2026-02-10T00:00:00Z",
  });
  r["lifecycle_transitions.subject_id"] = await create("lifecycle_transitions", {
    subject_type: "account",
    subject_id: target,
    from_stage: "lead",
    to_stage: "customer",
    transitioned_at: "2026-01-05T10:00:00Z",
  });
  return r;
}

/** Every row of every object table in the workspace, all columns, in a stable order. */
export async function dumpWorkspace(db: Db, workspaceId: string): Promise<Record<string, Row[]>> {
  const dump: Record<string, Row[]> = {};
  for (const def of OBJECTS) {
    const { rows } =
      await sql<Row>`select * from ${sql.table(def.key)} where workspace_id = ${workspaceId} order by id`.execute(
        db,
      );
    dump[def.key] = rows;
  }
  return dump;
}
