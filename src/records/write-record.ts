import { sql } from "kysely";
import type { Tx } from "../db/types.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import type { FieldDef } from "../model/fields.ts";
import { newId } from "../model/ids.ts";
import { type ObjectDef, PROVENANCE_FIELDS, SYSTEM_FIELDS } from "../model/object-def.ts";
import type { Actor } from "./actor.ts";
import { withNewValues } from "./field-sources.ts";
import { afterWrite, deriveFields, type Row } from "./hooks.ts";
import type { Change } from "./journal.ts";

/** A stored row as the API shows it: no workspace id, no secrets, no provenance (its own route). */
/** Columns of every object table that the API never shows (the workspace, provenance payloads). */
export const INTERNAL_COLUMNS = ["workspace_id", "raw", "field_sources"] as const;

const apiColumnCache = new WeakMap<ObjectDef, string[]>();

/** The columns a record has in API responses, in a stable order: lists select only these. */
export function apiColumns(def: ObjectDef): string[] {
  let columns = apiColumnCache.get(def);
  if (!columns) {
    const hidden = new Set(def.hidden ?? []);
    columns = [...SYSTEM_FIELDS, ...PROVENANCE_FIELDS, ...Object.keys(def.fields)].filter(
      (c, i, all) => !hidden.has(c) && all.indexOf(c) === i,
    );
    apiColumnCache.set(def, columns);
  }
  return columns;
}

export function toApi(def: ObjectDef, row: Row): Row {
  const { workspace_id: _ws, raw: _raw, field_sources: _sources, ...rest } = row;
  for (const hidden of def.hidden ?? []) delete rest[hidden];
  return rest;
}

/** Whether two values of a field are the same (timestamps by instant, JSON by content). */
export function sameValue(field: FieldDef | undefined, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (field?.kind === "timestamp") return new Date(a as string).getTime() === new Date(b as string).getTime();
  if (field?.kind === "json") return sameJson(a, b);
  return String(a) === String(b);
}

/** JSON equality regardless of key order (jsonb stores keys in its own order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => k in right && sameJson(left[k], right[k]));
}

function toColumns(def: ObjectDef, row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = def.fields[key]?.kind === "json" && value != null ? JSON.stringify(value) : value;
  }
  return out;
}

export async function findRow(tx: Tx, def: ObjectDef, workspaceId: string, id: string, lock = false) {
  let query = tx.selectFrom(def.key).selectAll().where("workspace_id", "=", workspaceId).where("id", "=", id);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) as Row | undefined;
}

export async function insertRow(tx: Tx, actor: Actor, def: ObjectDef, data: Row): Promise<[Row, Change]> {
  const row: Row = { ...data, workspace_id: actor.workspaceId, id: newId(def.idPrefix) };
  deriveFields(def.key, row, null);
  const stored = (await tx
    .insertInto(def.key)
    .values(toColumns(def, row))
    .returningAll()
    .executeTakeFirstOrThrow()) as Row;
  await afterWrite(tx, actor, def.key, null, stored);
  const after = toApi(def, stored);
  return [
    stored,
    { action: "created", object: def.key, singular: def.singular, recordId: stored.id, before: null, after },
  ];
}

/**
 * Applies a patch to a locked row; returns no change when every value is already equal. The
 * changed fields are recorded as coming from `valueSource` (edits in Revline: `revline`).
 */
export async function updateRow(
  tx: Tx,
  actor: Actor,
  def: ObjectDef,
  before: Row,
  patch: Row,
  valueSource = "revline",
): Promise<[Row, Change | null]> {
  const next: Row = { ...before, ...patch };
  deriveFields(def.key, next, before);
  const diff: Row = {};
  for (const [key, field] of Object.entries(def.fields)) {
    if (key in next && !sameValue(field, before[key], next[key])) diff[key] = next[key];
  }
  if (Object.keys(diff).length === 0) return [before, null];
  const fieldSources = withNewValues(before, Object.keys(diff), valueSource, new Date().toISOString());
  const stored = (await tx
    .updateTable(def.key)
    .set({
      ...toColumns(def, diff),
      field_sources: JSON.stringify(fieldSources),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", before.id)
    .where("version", "=", before.version)
    .returningAll()
    .executeTakeFirst()) as Row | undefined;
  if (!stored)
    throw new AppError("version_conflict", "The record changed while it was being saved; reload and retry");
  await afterWrite(tx, actor, def.key, before, stored);
  const change: Change = {
    action: "updated",
    object: def.key,
    singular: def.singular,
    recordId: stored.id,
    before: toApi(def, before),
    after: toApi(def, stored),
  };
  return [stored, change];
}

export async function deleteRow(tx: Tx, actor: Actor, def: ObjectDef, id: string): Promise<Change> {
  const before = await findRow(tx, def, actor.workspaceId, id, true);
  if (!before) throw notFound(def.singular, id);
  await tx.deleteFrom(def.key).where("workspace_id", "=", actor.workspaceId).where("id", "=", id).execute();
  return {
    action: "deleted",
    object: def.key,
    singular: def.singular,
    recordId: id,
    before: toApi(def, before),
    after: null,
  };
}
