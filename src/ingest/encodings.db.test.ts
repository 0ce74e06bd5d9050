import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { getImport, importSummary } from "./imports/imports.queries.ts";
import { startImport } from "./imports/start-import.ts";
import { dryRun } from "./pipeline/dry-run.ts";
import { ImportStopped, runImport } from "./pipeline/run-import.ts";
import { presetByName } from "./presets/presets.ts";
import { importFile } from "./testing/import-file.ts";

let database: Database;
let actor: Actor;
const dir = mkdtempSync(join(tmpdir(), "encodings-"));

beforeAll(async () => {
  database = await openTestDatabase();
  actor = systemActor((await createTestWorkspace(database.db, "Encodings")).workspace.id);
});
afterAll(() => database?.close());

const HEADER = ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage"];
const PEOPLE = [
  ["501", "Jürgen", "Müller", "juergen@beispiel.example", "Lead"],
  ["502", "Zoë", "François", "zoe@exemple.example", "Customer"],
  ["503", "Ørjan", "Sæther", "orjan@eksempel.example", "Lead"],
];

async function names(ids: string[]) {
  const { rows } = await sql<{ external_id: string; first_name: string; last_name: string }>`
    select external_id, first_name, last_name from contacts
    where workspace_id = ${actor.workspaceId} and source = 'hubspot' and external_id in (${sql.join(ids)})
    order by external_id`.execute(database.db);
  return rows.map((r) => `${r.external_id} ${r.first_name} ${r.last_name}`);
}

it("a Windows-1252 CSV saved by Excel (semicolons) keeps its accents: Müller, not M�ller", async () => {
  const text = [HEADER, ...PEOPLE].map((r) => r.join(";")).join("\r\n");
  const path = join(dir, "contacts-excel.csv");
  writeFileSync(path, iconv.encode(`${text}\r\n`, "win1252"));
  const summary = await importFile(database.db, actor, path, "hubspot-contacts");
  expect([summary.created, summary.rejected]).toEqual([3, 0]);
  expect(await names(["501", "502", "503"])).toEqual([
    "501 Jürgen Müller",
    "502 Zoë François",
    "503 Ørjan Sæther",
  ]);
});

it("a UTF-16 export (Excel's Unicode text, tabs) imports, resumes from a checkpoint and re-imports as a no-op", async () => {
  const people = PEOPLE.map(([id, ...rest]) => [String(Number(id) + 100), ...rest]);
  const text = [HEADER, ...people].map((r) => r.join("\t")).join("\r\n");
  const path = join(dir, "contacts-unicode.txt");
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\r\n`, "utf16le")]));

  const preview = await dryRun(path, "csv", presetByName("hubspot-contacts"));
  expect(preview.file).toEqual({ encoding: "utf-16le", delimiter: "\t" });
  expect(preview.sample[0].fields.first_name).toBe("Jürgen");

  // Stopped after its first batches (one row each), then resumed from the checkpoint it committed.
  const { importRow } = await startImport(database.db, actor, { path, preset: "hubspot-contacts" });
  const stop = new AbortController();
  await expect(
    runImport(database.db, importRow, {
      actor,
      job: null,
      batchRows: 1,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    }),
  ).rejects.toThrow(ImportStopped);
  const stopped = await getImport(database.db, actor.workspaceId, importRow.id);
  // The batch after the first may already be on its way when the stop comes.
  expect([1, 2]).toContain(Number(stopped.rows_done));
  const resumed = importSummary(await runImport(database.db, stopped, { actor, job: null, batchRows: 1 }));
  expect([resumed.status, resumed.created, resumed.rejected]).toEqual(["completed", 3, 0]);
  expect(await names(["601", "602", "603"])).toEqual([
    "601 Jürgen Müller",
    "602 Zoë François",
    "603 Ørjan Sæther",
  ]);

  const again = await importFile(database.db, actor, path, "hubspot-contacts");
  expect([again.created, again.updated, again.unchanged, again.rejected]).toEqual([0, 0, 3, 0]);
});
