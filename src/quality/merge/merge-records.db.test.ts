import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase, type TestWorkspace } from "../../db/testing/test-database.ts";
import type { Database } from "../../db/types.ts";
import type { AppError } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import { createRecord, getRecord, patchRecord, type Row } from "../../records/index.ts";
import { mergeRecords, referenceSites, resolveAliases, undoMerge } from "./index.ts";
import { dumpWorkspace, relatedRows } from "./testing/related-rows.ts";

let database: Database;
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  database = await openTestDatabase();
  ws = await createTestWorkspace(database.db, "Merge");
  other = await createTestWorkspace(database.db, "Elsewhere");
});
afterAll(() => database?.close());

const accounts = objectDef("accounts");
const contacts = objectDef("contacts");

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a failure");
}

/** Without the volatile bookkeeping columns a restore legitimately moves on. */
const stable = (dump: Record<string, Row[]>) =>
  Object.fromEntries(
    Object.entries(dump).map(([k, rows]) => [
      k,
      rows.map(({ version: _v, updated_at: _u, ...rest }) => rest),
    ]),
  );

describe("merging two accounts", () => {
  let survivor: Row;
  let duplicate: Row;
  let related: Record<string, Row>;
  let before: Record<string, Row[]>;
  let mergeId: string;

  beforeAll(async () => {
    survivor = await createRecord(database.db, ws.admin, accounts, {
      name: "Globex",
      domain: "globex.example",
      lifecycle_stage: "lead",
      source: "hubspot",
      external_id: "HS-1",
    });
    duplicate = await createRecord(database.db, ws.admin, accounts, {
      name: "Globex Inc",
      domain: "globex.example",
      industry: "Manufacturing",
      lifecycle_stage: "customer",
      source: "salesforce",
      external_id: "SF-1",
    });
    related = await relatedRows(database.db, ws.admin, "accounts", duplicate.id);
    before = await dumpWorkspace(database.db, ws.workspace.id);
  });

  it("has a fixture row for every reference to accounts the registry knows", () => {
    const sites = referenceSites(accounts).map((s) => `${s.object.key}.${s.field}`);
    expect(Object.keys(related).sort()).toEqual(sites.sort());
  });

  it("keeps the survivor, fills its fields, re-points every related row and journals it", async () => {
    const result = await mergeRecords(database.db, ws.admin, "accounts", {
      survivor_id: survivor.id,
      merged_ids: [duplicate.id],
      fields: { lifecycle_stage: duplicate.id },
    });
    mergeId = result.merge_id;
    // Both names come from imports of equal priority: the most recently set one wins.
    expect(result.survivor.name).toBe("Globex Inc");
    // Only the duplicate had an industry (most complete); the user chose its lifecycle stage.
    expect(result.survivor.industry).toBe("Manufacturing");
    expect(result.survivor.lifecycle_stage).toBe("customer");
    const rules = Object.fromEntries(result.field_choices.map((c) => [c.field, c.rule]));
    expect(rules).toMatchObject({
      name: "most_recent",
      industry: "only_value",
      lifecycle_stage: "chosen",
      domain: "survivor",
    });
    for (const [site, row] of Object.entries(related)) {
      const [object, field] = site.split(".");
      const now = await getRecord(database.db, ws.admin, objectDef(object), row.id);
      expect(now[field], site).toBe(survivor.id);
    }
    // One fixture row per site, and the duplicate's own lifecycle transition from its creation.
    expect(result.repointed).toEqual(
      Object.fromEntries(
        Object.keys(related).map((site) => [site, site === "lifecycle_transitions.subject_id" ? 2 : 1]),
      ),
    );
    await expect(getRecord(database.db, ws.admin, accounts, duplicate.id)).rejects.toMatchObject({
      code: "not_found",
    });
    const audit = await sql<{ action: string; record_id: string }>`select action, record_id from audit_log
      where workspace_id = ${ws.workspace.id} and record_id in (${survivor.id}, ${duplicate.id}) and action <> 'created'
      order by id`.execute(database.db);
    expect(audit.rows).toEqual([
      { action: "updated", record_id: survivor.id },
      { action: "deleted", record_id: duplicate.id },
      { action: "merged", record_id: survivor.id },
    ]);
  });

  it("keeps the duplicate's provenance resolving to the survivor", async () => {
    const found = await resolveAliases(database.db, ws.workspace.id, "accounts", "salesforce", [
      "SF-1",
      "SF-404",
    ]);
    expect([...found]).toEqual([["SF-1", survivor.id]]);
  });

  it("refuses to undo while the survivor holds a later edit, and writes nothing", async () => {
    const current = await getRecord(database.db, ws.admin, accounts, survivor.id);
    const edited = await patchRecord(database.db, ws.admin, accounts, survivor.id, {
      version: current.version,
      region: "EMEA",
    });
    const error = await failure(undoMerge(database.db, ws.admin, mergeId));
    expect(error.code).toBe("version_conflict");
    expect(error.message).toContain(survivor.id);
    expect((await getRecord(database.db, ws.admin, accounts, survivor.id)).version).toBe(edited.version);
    await expect(getRecord(database.db, ws.admin, accounts, duplicate.id)).rejects.toMatchObject({
      code: "not_found",
    });
    // Put the edit back so the next test can undo.
    await patchRecord(database.db, ws.admin, accounts, survivor.id, {
      version: edited.version,
      region: null,
    });
    await sql`update merges set after_versions = jsonb_set(after_versions, ${sql.lit(`{accounts:${survivor.id}}`)}, ${String(edited.version + 1)}::jsonb)
      where id = ${mergeId}`.execute(database.db);
  });

  it("undo restores every affected row exactly", async () => {
    const undone = await undoMerge(database.db, ws.admin, mergeId);
    expect(undone.restored_ids).toEqual([duplicate.id]);
    const after = await dumpWorkspace(database.db, ws.workspace.id);
    // Same rows, same values, same provenance; the merge's lifecycle transition is gone.
    expect(stable(after)).toEqual(stable(before));
    // The deleted duplicate is back byte for byte, its version and timestamps included.
    expect(after.accounts.find((r) => r.id === duplicate.id)).toEqual(
      before.accounts.find((r) => r.id === duplicate.id),
    );
    expect(await resolveAliases(database.db, ws.workspace.id, "accounts", "salesforce", ["SF-1"])).toEqual(
      new Map(),
    );
    const again = await failure(undoMerge(database.db, ws.admin, mergeId));
    expect(again.code).toBe("version_conflict");
  });
});

describe("merging contacts", () => {
  it("re-points every related row and undoes exactly", async () => {
    const a = await createRecord(database.db, ws.admin, contacts, {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@analytical.example",
    });
    const b = await createRecord(database.db, ws.admin, contacts, {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "a.lovelace@analytical.example",
      phone: "+44 20 7946 0000",
    });
    const related = await relatedRows(database.db, ws.admin, "contacts", b.id);
    expect(Object.keys(related).sort()).toEqual(
      referenceSites(contacts)
        .map((s) => `${s.object.key}.${s.field}`)
        .sort(),
    );
    const before = await dumpWorkspace(database.db, ws.workspace.id);
    const result = await mergeRecords(database.db, ws.admin, "contacts", {
      survivor_id: a.id,
      merged_ids: [b.id],
    });
    expect(result.survivor.phone).toBe(b.phone);
    // Same source for both: the most recently set email wins.
    expect(result.survivor.email).toBe(b.email);
    for (const [site, row] of Object.entries(related)) {
      const [object, field] = site.split(".");
      expect((await getRecord(database.db, ws.admin, objectDef(object), row.id))[field], site).toBe(a.id);
    }
    await undoMerge(database.db, ws.admin, result.merge_id);
    expect(stable(await dumpWorkspace(database.db, ws.workspace.id))).toEqual(stable(before));
  });
});

describe("a merge racing an edit", () => {
  it("answers 409 and writes nothing when a record changed after the user looked", async () => {
    const a = await createRecord(database.db, ws.admin, contacts, {
      email: "grace@navy.example",
      first_name: "Grace",
    });
    const b = await createRecord(database.db, ws.admin, contacts, {
      email: "g.hopper@navy.example",
      first_name: "Grace",
    });
    await patchRecord(database.db, ws.admin, contacts, b.id, { version: b.version, title: "Rear Admiral" });
    const before = await dumpWorkspace(database.db, ws.workspace.id);
    const error = await failure(
      mergeRecords(database.db, ws.admin, "contacts", {
        survivor_id: a.id,
        merged_ids: [b.id],
        versions: { [a.id]: a.version, [b.id]: b.version },
      }),
    );
    expect(error.code).toBe("version_conflict");
    expect(error.message).toContain(b.id);
    expect(await dumpWorkspace(database.db, ws.workspace.id)).toEqual(before);
  });

  it("sees an edit committed while it waited for the lock", async () => {
    const a = await createRecord(database.db, ws.admin, contacts, {
      email: "alan@bletchley.example",
      first_name: "Alan",
    });
    const b = await createRecord(database.db, ws.admin, contacts, {
      email: "a.turing@bletchley.example",
      first_name: "Alan",
    });
    let merging: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (tx) => {
      await sql`update contacts set title = 'Cryptanalyst', version = version + 1
        where workspace_id = ${ws.workspace.id} and id = ${b.id}`.execute(tx);
      // Starts while the edit holds the row (PostgreSQL: blocks on the lock; PGlite: waits for the connection).
      merging = mergeRecords(database.db, ws.admin, "contacts", { survivor_id: a.id, merged_ids: [b.id] });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const result = (await merging) as { survivor: Row };
    expect(result.survivor.title).toBe("Cryptanalyst");
  });
});

describe("isolation and bad input", () => {
  it("does not see another workspace's records (404 naming the id)", async () => {
    const mine = await createRecord(database.db, ws.admin, contacts, { email: "mine@x.example" });
    const theirs = await createRecord(database.db, other.admin, contacts, { email: "theirs@x.example" });
    const error = await failure(
      mergeRecords(database.db, ws.admin, "contacts", { survivor_id: mine.id, merged_ids: [theirs.id] }),
    );
    expect(error.code).toBe("not_found");
    expect(error.message).toContain(theirs.id);
    expect((await getRecord(database.db, other.admin, contacts, theirs.id)).id).toBe(theirs.id);
    const undo = await failure(undoMerge(database.db, ws.admin, "mrg_nope"));
    expect(undo.message).toContain("mrg_nope");
  });

  it("names the field of a bad field choice", async () => {
    const a = await createRecord(database.db, ws.admin, contacts, { email: "c1@x.example" });
    const b = await createRecord(database.db, ws.admin, contacts, { email: "c2@x.example" });
    const error = await failure(
      mergeRecords(database.db, ws.admin, "contacts", {
        survivor_id: a.id,
        merged_ids: [b.id],
        fields: { email: "con_other" },
      }),
    );
    expect(error).toMatchObject({ code: "validation_failed", field: "fields.email" });
  });
});

describe("imports after a merge", () => {
  it("resolve the merged record's external id to the survivor instead of creating it again", async () => {
    const { importFile, sample } = await import("../../ingest/testing/import-file.ts");
    const hub = await createTestWorkspace(database.db, "Imports");
    await importFile(database.db, hub.admin, sample("hubspot-contacts.csv"), "hubspot-contacts");
    const byExternal = async (id: string) =>
      (
        await sql<Row>`select * from contacts where workspace_id = ${hub.workspace.id} and source = 'hubspot'
          and external_id = ${id}`.execute(database.db)
      ).rows[0];
    const [ada, grace] = [await byExternal("101"), await byExternal("102")];
    const count = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from contacts where workspace_id = ${hub.workspace.id}`.execute(
          database.db,
        )
      ).rows[0].n;
    const before = await count();
    const pending = async () =>
      (
        await sql<Row>`select * from pending_references where workspace_id = ${hub.workspace.id} order by id`.execute(
          database.db,
        )
      ).rows;
    const waitingBefore = await pending();
    // Both contacts wait for their company (not imported): the survivor's wait wins, undo brings back the other.
    expect(waitingBefore.map((r) => r.record_id)).toEqual(expect.arrayContaining([ada.id, grace.id]));
    const merged = await mergeRecords(database.db, hub.admin, "contacts", {
      survivor_id: ada.id,
      merged_ids: [grace.id],
    });
    expect((await pending()).map((r) => r.record_id)).not.toContain(grace.id);
    await undoMerge(database.db, hub.admin, merged.merge_id);
    expect(await pending()).toEqual(waitingBefore);
    await mergeRecords(database.db, hub.admin, "contacts", { survivor_id: ada.id, merged_ids: [grace.id] });
    await importFile(database.db, hub.admin, sample("hubspot-contacts.csv"), "hubspot-contacts");
    expect(await count()).toBe(before - 1);
    await importFile(database.db, hub.admin, sample("hubspot-deals.csv"), "hubspot-deals");
    const deal =
      await sql<Row>`select primary_contact_id from opportunities where workspace_id = ${hub.workspace.id}
      and source = 'hubspot' and external_id = '5002'`.execute(database.db);
    expect(deal.rows[0].primary_contact_id).toBe(ada.id);
  });
});

describe("bulk upserts after a merge", () => {
  it("update the survivor when they name a merged record's external id, and resolve references to it", async () => {
    const { bulkUpsert } = await import("../../records/index.ts");
    const crm = await createTestWorkspace(database.db, "Bulk");
    const first = await bulkUpsert(database.db, crm.admin, accounts, {
      source: "crm",
      records: [
        { external_id: "A-1", name: "Umbrella" },
        { external_id: "A-2", name: "Umbrella Corp" },
      ],
    });
    const [keep, gone] = first.results.map((r) => r.id);
    await mergeRecords(database.db, crm.admin, "accounts", { survivor_id: keep, merged_ids: [gone] });
    const again = await bulkUpsert(database.db, crm.admin, accounts, {
      source: "crm",
      records: [{ external_id: "A-2", name: "Umbrella Corporation" }],
    });
    expect(again.results).toEqual([{ id: keep, source: "crm", external_id: "A-2", status: "updated" }]);
    const contact = await bulkUpsert(database.db, crm.admin, contacts, {
      source: "crm",
      records: [{ external_id: "C-1", email: "jill@umbrella.example", account_external_id: "A-2" }],
    });
    expect((await getRecord(database.db, crm.admin, contacts, contact.results[0].id)).account_id).toBe(keep);
  });
});
