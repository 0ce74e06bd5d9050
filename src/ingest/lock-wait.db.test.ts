import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase, testEngine } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { getImport } from "./imports/imports.queries.ts";
import { startImport } from "./imports/start-import.ts";
import { runImport } from "./pipeline/run-import.ts";
import { importFile } from "./testing/import-file.ts";

// A batch that waits too long for a row lock (another writer holds it) rolls back and starts
// over, so writers that wait on each other through the import's own ordering (which PostgreSQL
// cannot see) cannot hang for ever. PGlite has one connection: no other writer can hold a lock.
const onServer = testEngine() === "postgres";
let database: Database;
let actor: Actor;
const dir = tmpdir();
const file = (name: string, lines: string[]) => {
  const path = join(dir, `${name}-${process.pid}-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};

beforeAll(async () => {
  database = await openTestDatabase();
  if (!onServer) return;
  actor = systemActor((await createTestWorkspace(database.db, "Lock waits")).workspace.id);
  await importFile(
    database.db,
    actor,
    file("lw-first", ["external_id,email", "k1,old@k1.example"]),
    "generic",
    {
      object: "contacts",
      source: "crm",
    },
  );
});
afterAll(() => database?.close());

/** Holds a lock on contact k1 in another transaction (another connection of the pool) for `ms`; resolves once it holds it. */
async function holdLock(ms: number): Promise<{ released: Promise<void> }> {
  let locked!: () => void;
  const ready = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const released = database.db.transaction().execute(async (tx) => {
    await sql`select id from contacts where workspace_id = ${actor.workspaceId} and external_id = 'k1' for update`.execute(
      tx,
    );
    locked();
    await new Promise((r) => setTimeout(r, ms));
  });
  await ready;
  return { released };
}

async function importUpdate(email: string, lockTimeoutMs: number) {
  const path = file("lw-update", ["external_id,email", `k1,${email}`]);
  const { importRow } = await startImport(database.db, actor, {
    path,
    preset: "generic",
    object: "contacts",
    source: "crm",
  });
  return { importRow, run: runImport(database.db, importRow, { actor, job: null, lockTimeoutMs }) };
}

const emailOfK1 = async () =>
  (
    await sql<{ email: string }>`select email from contacts where workspace_id = ${actor.workspaceId}
      and external_id = 'k1'`.execute(database.db)
  ).rows[0].email;

it.skipIf(!onServer)(
  "a batch that waits past its lock timeout starts over and completes once the lock is gone",
  async () => {
    const held = await holdLock(600);
    const started = performance.now();
    const { run } = await importUpdate("new@k1.example", 150);
    const done = await run;
    await held.released;
    expect(done).toMatchObject({ status: "completed", updated: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(500);
    expect(await emailOfK1()).toBe("new@k1.example");
  },
);

it.skipIf(!onServer)("a lock held past every retry fails the import, which resumes afterwards", async () => {
  const held = await holdLock(4000);
  const started = performance.now();
  const { importRow, run } = await importUpdate("newer@k1.example", 100);
  await expect(run).rejects.toThrow(/lock timeout/);
  // Six attempts of ~100 ms, not the 4 s the lock is held.
  expect(performance.now() - started).toBeLessThan(3000);
  expect((await getImport(database.db, actor.workspaceId, importRow.id)).status).toBe("failed");
  await held.released;
  const resumed = await runImport(
    database.db,
    await getImport(database.db, actor.workspaceId, importRow.id),
    {
      actor,
      job: null,
    },
  );
  expect(resumed).toMatchObject({ status: "completed", updated: 1 });
  expect(await emailOfK1()).toBe("newer@k1.example");
});
