import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { computeMetrics } from "../metrics/index.ts";
import { type Actor, systemActor } from "../records/index.ts";
import { importFile } from "./testing/import-file.ts";

/*
 * A HubSpot contacts export with its "Became a … Date" columns (UTC):
 *   1  customer: lead 2025-01-10, MQL 2025-02-03, customer 2025-03-15
 *   2  lead, created 2025-02-20, no stage date        → lead 2025-02-20 (its Create Date)
 *   3  MQL: lead 2025-03-01, no MQL date              → lead 2025-03-01, MQL at the import
 *   4  lead, "Became a Lead Date" unreadable          → rejected, naming the column
 * New leads by month, Jan–Mar 2025: 1 (#1), 1 (#2), 1 (#3). MQLs: Feb 1 (#1).
 * A newer export moves #2 to MQL with its MQL date 2025-04-02: MQLs Jan–Apr become 0, 1, 0, 1.
 */
const HEADER =
  "Record ID,First Name,Email,Lifecycle Stage,Create Date,Became a Lead Date,Became a Marketing Qualified Lead Date,Became a Customer Date";
const FIRST = [
  HEADER,
  "1,Ann,ann@a.example,Customer,2025-01-02 09:00,2025-01-10 09:00,2025-02-03 10:00,2025-03-15 11:00",
  "2,Bob,bob@b.example,Lead,2025-02-20 08:00,,,",
  "3,Cat,cat@c.example,Marketing Qualified Lead,2025-02-27 08:00,2025-03-01 12:00,,",
  "4,Dan,dan@d.example,Lead,2025-01-05 08:00,last tuesday,,",
];
const SECOND = [HEADER, "2,Bob,bob@b.example,Marketing Qualified Lead,2025-02-20 08:00,,2025-04-02 08:00,"];

let database: Database;
let actor: Actor;
const dir = mkdtempSync(join(tmpdir(), "revline-stage-dates-"));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};

beforeAll(async () => {
  database = await openTestDatabase();
  const ws = await createTestWorkspace(database.db, "Stage dates");
  actor = systemActor(ws.workspace.id);
});
afterAll(() => database?.close());

async function journey(externalId: string) {
  const { rows } = await sql<{ from_stage: string | null; to_stage: string; at: string }>`
    select lt.from_stage, lt.to_stage, lt.transitioned_at as at from lifecycle_transitions lt
    join contacts c on c.workspace_id = lt.workspace_id and c.id = lt.subject_id
    where lt.workspace_id = ${actor.workspaceId} and c.external_id = ${externalId}
    order by lt.transitioned_at, lt.id`.execute(database.db);
  return rows.map((r) => [r.from_stage, r.to_stage, new Date(r.at).toISOString()]);
}

async function monthly(key: string, to: string) {
  const [result] = await computeMetrics(database.db, actor.workspaceId, [key], {
    from: "2025-01-01",
    to,
    grain: "month",
  });
  return result.series.map((p) => p.value);
}

describe("lifecycle history from the source's stage dates", () => {
  it("dates each contact's transitions by its Became-a dates, else its Create Date", async () => {
    const started = Date.now();
    const summary = await importFile(database.db, actor, file("first.csv", FIRST), "hubspot-contacts");
    expect([summary.created, summary.rejected]).toEqual([3, 1]);
    expect(await journey("1")).toEqual([
      [null, "lead", "2025-01-10T09:00:00.000Z"],
      ["lead", "mql", "2025-02-03T10:00:00.000Z"],
      ["mql", "customer", "2025-03-15T11:00:00.000Z"],
    ]);
    expect(await journey("2")).toEqual([[null, "lead", "2025-02-20T08:00:00.000Z"]]);
    const cat = await journey("3");
    expect(cat[0]).toEqual([null, "lead", "2025-03-01T12:00:00.000Z"]);
    expect([cat.length, cat[1][1], new Date(String(cat[1][2])).getTime() >= started - 1000]).toEqual([
      2,
      "mql",
      true,
    ]);
    const { rows } = await sql<{ field: string; reason: string }>`select field, reason from import_rejections
      where workspace_id = ${actor.workspaceId} and import_id = ${summary.id}`.execute(database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0].field).toBe("lifecycle_stage");
    expect(rows[0].reason).toContain('"last tuesday" is not a date and time');
    expect(rows[0].reason).toContain('(column "Became a Lead Date")');
  });

  it("funnel metrics count imported leads and MQLs in the months they happened", async () => {
    expect(await monthly("new_leads", "2025-03-31")).toEqual([1, 1, 1]);
    expect(await monthly("mqls", "2025-03-31")).toEqual([0, 1, 0]);
  });

  it("a newer export's stage change is dated by that stage's date; the same file again adds nothing", async () => {
    const again = await importFile(database.db, actor, file("first-again.csv", FIRST), "hubspot-contacts");
    expect([again.created, again.updated]).toEqual([0, 0]);
    const newer = await importFile(database.db, actor, file("second.csv", SECOND), "hubspot-contacts");
    expect(newer.updated).toBe(1);
    expect(await journey("2")).toEqual([
      [null, "lead", "2025-02-20T08:00:00.000Z"],
      ["lead", "mql", "2025-04-02T08:00:00.000Z"],
    ]);
    expect(await monthly("mqls", "2025-04-30")).toEqual([0, 1, 0, 1]);
  });

  it("the generic preset reads became_<stage>_at columns, named so or mapped", async () => {
    const csv = file("pipedrive.csv", [
      "Person ID,Name,Stage,Lead since,Won on",
      "p1,Eve,customer,2025-02-01 09:00,2025-05-04 10:30",
    ]);
    const mapping = {
      object: "contacts",
      source: "pipedrive",
      columns: {
        "Person ID": "external_id",
        Name: "first_name",
        Stage: "lifecycle_stage",
        "Lead since": "became_lead_at",
        "Won on": "became_customer_at",
      },
    };
    const mapped = await importFile(database.db, actor, csv, "generic", { mapping });
    expect(mapped.created).toBe(1);
    expect(await journey("p1")).toEqual([
      [null, "lead", "2025-02-01T09:00:00.000Z"],
      ["lead", "customer", "2025-05-04T10:30:00.000Z"],
    ]);
    const named = file("named.csv", [
      "external_id,first_name,lifecycle_stage,became_mql_at",
      "n1,Fay,mql,2025-06-07",
    ]);
    await importFile(database.db, actor, named, "generic", { object: "contacts", source: "sheet" });
    expect(await journey("n1")).toEqual([[null, "mql", "2025-06-07T00:00:00.000Z"]]);
  });
});
