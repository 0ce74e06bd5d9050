import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { getImport, importSummary } from "./imports/imports.queries.ts";
import { listRejections } from "./imports/rejections.ts";
import { startImport } from "./imports/start-import.ts";
import { dryRun } from "./pipeline/dry-run.ts";
import { ImportStopped, runImport } from "./pipeline/run-import.ts";
import { presetByName } from "./presets/presets.ts";
import { importFile, sample } from "./testing/import-file.ts";

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
  const preview = await dryRun(path, "csv", presetByName("hubspot-contacts"));
  expect(preview.file).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
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
  expect(preview.file).toEqual({
    encoding: "utf-16le",
    delimiter: "\t",
    date_order: "mdy",
    date_order_from: "default",
  });
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
  expect(resumed).toMatchObject({ status: "completed", created: 3, rejected: 0, encoding: "utf-16le" });
  expect(await names(["601", "602", "603"])).toEqual([
    "601 Jürgen Müller",
    "602 Zoë François",
    "603 Ørjan Sæther",
  ]);

  const again = await importFile(database.db, actor, path, "hubspot-contacts");
  expect([again.created, again.updated, again.unchanged, again.rejected]).toEqual([0, 0, 3, 0]);
});

const DEAL_HEADER = "Record ID,Deal Name,Deal Stage,Amount,Deal currency code,Close Date,Create Date";
async function deals(ids: string[]) {
  const { rows } = await sql<{ external_id: string; close_date: string; opened_at: Date }>`
    select external_id, close_date::text as close_date, opened_at from opportunities
    where workspace_id = ${actor.workspaceId} and source = 'hubspot' and external_id in (${sql.join(ids)})
    order by external_id`.execute(database.db);
  return rows.map((r) => `${r.external_id} ${r.close_date} ${new Date(r.opened_at).toISOString()}`);
}

it("a day-first export (31/01/2026) is read day-first throughout, 03/04/2026 included; the order is saved and shown", async () => {
  const path = join(dir, "deals-eu.csv");
  writeFileSync(
    path,
    [
      DEAL_HEADER,
      "7001,Ambiguous,Appointment Scheduled,1000,EUR,03/04/2026,02/01/2026 09:30",
      "7002,Telling,Appointment Scheduled,2000,EUR,31/05/2026,15/01/2026 17:45",
    ].join("\n"),
  );
  const preview = await dryRun(path, "csv", presetByName("hubspot-deals"));
  expect(preview.file).toMatchObject({ date_order: "dmy", date_order_from: "file" });
  expect(preview.sample[0].fields.close_date).toBe("2026-04-03");

  const summary = await importFile(database.db, actor, path, "hubspot-deals");
  expect(summary).toMatchObject({ created: 2, rejected: 0, date_order: "dmy" });
  expect(await deals(["7001", "7002"])).toEqual([
    "7001 2026-04-03 2026-01-02T09:30:00.000Z",
    "7002 2026-05-31 2026-01-15T17:45:00.000Z",
  ]);
});

it("without a telling date the order is month first, and --date-order / date_order decides (a bad value is refused by name)", async () => {
  const path = join(dir, "deals-ambiguous.csv");
  writeFileSync(
    path,
    [DEAL_HEADER, "7101,Only ambiguous,Appointment Scheduled,1000,EUR,03/04/2026,"].join("\n"),
  );
  const preview = await dryRun(path, "csv", presetByName("hubspot-deals"));
  expect(preview.file).toMatchObject({ date_order: "mdy", date_order_from: "default" });
  expect(preview.sample[0].fields.close_date).toBe("2026-03-04");
  const given = await dryRun(path, "csv", presetByName("hubspot-deals"), { dateOrder: "dmy" });
  expect(given.file).toMatchObject({ date_order: "dmy", date_order_from: "option" });

  await expect(
    startImport(database.db, actor, { path, preset: "hubspot-deals", dateOrder: "ymd" }),
  ).rejects.toMatchObject({ field: "date_order", message: expect.stringContaining('not "ymd"') });
  const { importRow } = await startImport(database.db, actor, {
    path,
    preset: "hubspot-deals",
    dateOrder: "dmy",
  });
  expect(importRow.options.dateOrder).toBe("dmy");
  await runImport(database.db, importRow, { actor, job: null });
  expect(await deals(["7101"])).toHaveLength(1);
  expect((await deals(["7101"]))[0]).toMatch(/^7101 2026-04-03 /);
});

it("the footer of a Salesforce report export is quarantined as not data, not as records without a key", async () => {
  const accounts = readFileSync(sample("salesforce-accounts.csv"), "utf8").trimEnd();
  const footer = [
    "",
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    '"Confidential Information - Do Not Distribute"',
    '"Generated By:  Jane Smith  3/5/2026 8:10 AM"',
    '"Acme Cloud"',
  ];
  const path = join(dir, "accounts-report.csv");
  writeFileSync(path, `${[accounts, ...footer].join("\r\n")}\r\n`);
  const summary = await importFile(database.db, actor, path, "salesforce-accounts");
  expect(summary).toMatchObject({ created: 3, rejected: 4, date_order: "mdy" });
  const rejected = await listRejections(database.db, actor.workspaceId, summary.id as string);
  expect(rejected.map((r) => r.row_number)).toEqual([4, 5, 6, 7]);
  expect(rejected[0].reason).toMatch(/^the line has 1 cell where the header has \d+ columns: not a data row/);
  expect(Object.values(rejected[2].raw)).toEqual(["Generated By:  Jane Smith  3/5/2026 8:10 AM"]);
});

const json = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

it("refuses a spreadsheet workbook, a JSON document, a missing file and a folder by name, before anything is recorded", async () => {
  const xlsx = join(dir, "contacts.xlsx");
  writeFileSync(
    xlsx,
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("[Content_Types].xml")]),
  );
  const xls = join(dir, "contacts.xls");
  writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const before =
    await sql`select count(*)::int as n from imports where workspace_id = ${actor.workspaceId}`.execute(
      database.db,
    );
  for (const [path, message] of [
    [xlsx, /spreadsheet workbook .* save or export it as CSV/],
    [xls, /spreadsheet workbook/],
    [join(dir, "missing.csv"), /missing\.csv does not exist/],
    [json("array.json", '[\n  {"Record ID": "1"}\n]\n'), /a JSON array, not JSON lines .* jq -c '\.\[\]'/],
    [json("pretty.json", '{\n  "Record ID": "1"\n}\n'), /JSON written over several lines/],
    [dir, /is a folder, not a file/],
  ] as const)
    await expect(startImport(database.db, actor, { path, preset: "hubspot-contacts" })).rejects.toMatchObject(
      {
        field: "file",
        message: expect.stringMatching(message),
      },
    );
  const after =
    await sql`select count(*)::int as n from imports where workspace_id = ${actor.workspaceId}`.execute(
      database.db,
    );
  expect(after.rows).toEqual(before.rows);
});

it("a generic import without a mapping reads columns named by label (First Name → first_name), never an ID or Source column as Revline's", async () => {
  const path = join(dir, "people.csv");
  writeFileSync(
    path,
    [
      "External ID,First Name,Last Name,E-mail,Email,Lifecycle Stage,ID,Source,Favourite Colour",
      "p-1,Ada,Lovelace,x,ada@example.com,Lead,12345,Web,green",
    ].join("\n"),
  );
  const preset = presetByName("generic", { object: "contacts", source: "sheet" });
  const preview = await dryRun(path, "csv", preset);
  expect(preview.columns.mapped).toEqual([
    { column: "External ID", field: "contacts.external_id" },
    { column: "First Name", field: "contacts.first_name" },
    { column: "Last Name", field: "contacts.last_name" },
    { column: "Email", field: "contacts.email" },
    { column: "Lifecycle Stage", field: "contacts.lifecycle_stage" },
  ]);
  expect(preview.columns.unmapped).toEqual(["E-mail", "ID", "Source", "Favourite Colour"]);
  const summary = await importFile(database.db, actor, path, "generic", {
    object: "contacts",
    source: "sheet",
  });
  expect(summary).toMatchObject({ created: 1, rejected: 0 });
  const { rows } = await sql<
    Record<string, string>
  >`select source, external_id, first_name, email, lifecycle_stage
    from contacts where workspace_id = ${actor.workspaceId} and source = 'sheet'`.execute(database.db);
  expect(rows).toEqual([
    {
      source: "sheet",
      external_id: "p-1",
      first_name: "Ada",
      email: "ada@example.com",
      lifecycle_stage: "lead",
    },
  ]);
});

it("a tool's export whose column names differ only in case or spacing (Record Id, first  name) imports as the preset's", async () => {
  const path = join(dir, "hand-edited.csv");
  writeFileSync(
    path,
    ["record id,First  Name,LAST NAME,email", "701,Hedy,Lamarr,hedy@example.com"].join("\n"),
  );
  const preview = await dryRun(path, "csv", presetByName("hubspot-contacts"));
  expect(preview.columns.unmapped).toEqual([]);
  const summary = await importFile(database.db, actor, path, "hubspot-contacts");
  expect(summary).toMatchObject({ created: 1, rejected: 0 });
  expect(await names(["701"])).toEqual(["701 Hedy Lamarr"]);
});
