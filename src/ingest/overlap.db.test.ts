import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { systemActor } from "../records/index.ts";
import { getImport } from "./imports/imports.queries.ts";
import { runImport } from "./pipeline/run-import.ts";
import { importFile } from "./testing/import-file.ts";

// Batches of a one-object import overlap (the next reads and plans while the previous writes):
// tiny batches make every row boundary a batch boundary, and the outcome must be exactly that
// of one batch — same records, same values, same references, same quarantine.
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const dir = tmpdir();
function file(name: string, lines: string[]): string {
  const path = join(dir, `${name}-${process.pid}-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const accounts = file("overlap-accounts", [
  "external_id,name,domain",
  ...Array.from({ length: 5 }, (_, i) => `a${i + 1},Account ${i + 1},account${i + 1}.example`),
]);
const contactRows = [
  "external_id,first_name,last_name,email,lifecycle_stage,account_external_id",
  ...Array.from(
    { length: 30 },
    (_, i) => `c${i + 1},First${i + 1},Last${i + 1},c${i + 1}@example.com,lead,a${(i % 6) + 1}`,
  ),
];
// c7 again in the batch right after its own (rows 7 and 10 with batches of 3): the later row wins.
contactRows.splice(10, 0, "c7,Seventh,Again,c7@example.com,customer,a2");
// A row the contacts schema refuses: quarantined whatever the batch size.
contactRows.splice(15, 0, "c99,Bad,Email,not-an-email,lead,a1");
const contacts = file("overlap-contacts", contactRows);

async function importInto(name: string, batchRows: number) {
  const actor = systemActor((await createTestWorkspace(database.db, name)).workspace.id);
  await importFile(database.db, actor, accounts, "generic", { object: "accounts", source: "crm" });
  const summary = await importFile(database.db, actor, contacts, "generic", {
    object: "contacts",
    source: "crm",
    batchRows,
  });
  const { rows } = await sql<
    Record<string, unknown>
  >`select c.external_id, c.first_name, c.last_name, c.email,
      c.lifecycle_stage, a.external_id as account, c.version,
      (select count(*)::int from lifecycle_transitions l where l.workspace_id = c.workspace_id and l.subject_id = c.id) as transitions
    from contacts c left join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
    where c.workspace_id = ${actor.workspaceId} order by c.external_id`.execute(database.db);
  const pending = await sql<{ n: number }>`select count(*)::int as n from pending_references
    where workspace_id = ${actor.workspaceId}`.execute(database.db);
  return { summary, rows, pending: pending.rows[0].n };
}

it("overlapping batches of 3 rows end exactly as one batch of all rows", async () => {
  const whole = await importInto("Whole", 10_000);
  const small = await importInto("Small batches", 3);
  for (const key of ["rows", "created", "updated", "unchanged", "rejected"] as const)
    expect(small.summary[key]).toBe(whole.summary[key]);
  expect(whole.summary.created).toBe(30);
  expect(whole.summary.updated).toBe(1);
  expect(whole.summary.rejected).toBe(1);
  expect(small.rows).toEqual(whole.rows);
  const c7 = small.rows.find((r) => r.external_id === "c7");
  expect(c7).toMatchObject({ first_name: "Seventh", lifecycle_stage: "customer", account: "a2", version: 2 });
  // Rows pointing at a6 (no such account) keep their reference pending, in both.
  expect(small.pending).toBe(whole.pending);
  expect(small.pending).toBe(5);
  expect(small.rows.filter((r) => r.account === null)).toHaveLength(5);
});

it("a batch that fails stops the overlapping batch after it unwritten, and the import resumes from the last commit", async () => {
  const actor = systemActor((await createTestWorkspace(database.db, "Failing batch")).workspace.id);
  const ws = actor.workspaceId;
  await importFile(database.db, actor, accounts, "generic", { object: "accounts", source: "crm" });
  const rows = [
    "external_id,first_name,last_name,email,lifecycle_stage,account_external_id",
    ...Array.from(
      { length: 30 },
      (_, i) => `f${i + 1},First${i + 1},Last${i + 1},f${i + 1}@example.com,lead,a1`,
    ),
  ];
  rows[14] = "f14,Boom,Last14,f14@example.com,lead,a1";
  const path = file("overlap-failing", rows);
  // A database failure that is no constraint (not a row's fault): the batch of rows 13–15 fails whole.
  await sql
    .raw(`create function overlap_boom() returns trigger language plpgsql as $$
      begin if new.first_name = 'Boom' then raise exception 'boom'; end if; return new; end $$;
    create trigger overlap_boom before insert on contacts for each row execute function overlap_boom();
    alter table contacts enable always trigger overlap_boom;`)
    .execute(database.db);
  const count = async () =>
    (
      await sql<{
        n: number;
        distinct: number;
      }>`select count(*)::int as n, count(distinct external_id)::int as distinct
      from contacts where workspace_id = ${ws}`.execute(database.db)
    ).rows[0];
  let importId = "";
  try {
    await expect(
      importFile(database.db, actor, path, "generic", { object: "contacts", source: "crm", batchRows: 3 }),
    ).rejects.toThrow(/boom/);
    const { rows: imports } = await sql<{
      id: string;
      status: string;
      rows_done: number;
    }>`select id, status, rows_done
      from imports where workspace_id = ${ws} and file_name like 'overlap-failing%'`.execute(database.db);
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ status: "failed", rows_done: 12 });
    importId = imports[0].id;
    // Rows 1–12 only: the batch after the failed one (16–18), already reading, wrote nothing.
    expect(await count()).toEqual({ n: 12, distinct: 12 });
  } finally {
    await sql
      .raw("drop trigger overlap_boom on contacts; drop function overlap_boom();")
      .execute(database.db);
  }
  const resumed = await runImport(database.db, await getImport(database.db, ws, importId), {
    actor,
    job: null,
    batchRows: 3,
  });
  expect(resumed).toMatchObject({ status: "completed", rows_done: 30, created: 30 });
  expect(await count()).toEqual({ n: 30, distinct: 30 });
});
