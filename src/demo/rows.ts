import { newId } from "../model/ids.ts";
import { OBJECTS } from "../model/registry.ts";
import { iso } from "./time.ts";

/** A row as it is inserted: column → value (json columns as plain values, timestamps as ISO text). */
export type Row = Record<string, unknown>;
/** Generated rows by table name. */
export type Tables = Record<string, Row[]>;

export function emit(tables: Tables, table: string, row: Row): void {
  const rows = tables[table];
  if (rows) rows.push(row);
  else tables[table] = [row];
}

const PREFIXES = new Map(OBJECTS.map((def) => [def.key, def.idPrefix]));

/**
 * A new id for a record of `table` created at `createdAt`: the id embeds that time, so ids sort
 * by when records were created in the story, as ids minted at the time would.
 */
export function mintId(table: string, createdAt: number): string {
  const prefix = PREFIXES.get(table);
  if (!prefix) throw new Error(`No object ${table} in the registry`);
  return newId(prefix, Math.floor(createdAt));
}

/** The columns every demo record carries. */
export function demoRecord(
  id: string,
  externalId: string,
  createdAt: number,
  updatedAt: number,
  fields: Row,
): Row {
  return {
    id,
    source: "demo",
    external_id: externalId,
    ...fields,
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
  };
}

export function countRows(tables: Tables): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(tables)) counts[table] = rows.length;
  return counts;
}
