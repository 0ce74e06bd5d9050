import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";
import { apiColumns, INTERNAL_COLUMNS } from "../records/write-record.ts";
import { OBJECTS } from "./registry.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

it("every field of the registry is a column of its table, with the common columns", async () => {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(
    database.db,
  );
  const columns = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!columns.has(r.table_name)) columns.set(r.table_name, new Set());
    columns.get(r.table_name)!.add(r.column_name);
  }
  const missing: string[] = [];
  for (const def of OBJECTS) {
    const have = columns.get(def.key) ?? new Set();
    const expected = [
      "workspace_id",
      "id",
      "source",
      "external_id",
      "version",
      "created_at",
      "updated_at",
      ...Object.keys(def.fields),
    ];
    for (const c of expected) if (!have.has(c)) missing.push(`${def.key}.${c}`);
  }
  expect(missing).toEqual([]);
});

it("every column of an object's table is in the registry or is internal (API lists select exactly the registry's columns)", async () => {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(
    database.db,
  );
  const unknown: string[] = [];
  for (const def of OBJECTS) {
    const known = new Set([
      ...INTERNAL_COLUMNS,
      ...(def.hidden ?? []),
      ...apiColumns({ ...def, hidden: [] }),
    ]);
    for (const r of rows)
      if (r.table_name === def.key && !known.has(r.column_name)) unknown.push(`${def.key}.${r.column_name}`);
  }
  expect(unknown).toEqual([]);
});
