import { AppError } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { createSchema, patchSchema, type Row, sameJson, validate } from "../../records/index.ts";
import type { RowProblem } from "../ingest.types.ts";
import type { ColumnInfo } from "./sql-helpers.ts";
import { keyOf, type RecordInput } from "./write-context.ts";

/**
 * Validates a record with the API's own schemas, so problems name fields as the API does:
 * the create schema for a new record, the patch schema (without fixed fields) for an update.
 */
export function validateRecord(
  def: ObjectDef,
  fields: Row,
  before: Row | null,
  columns: Record<string, string> | undefined,
): { data: Row } | { problems: RowProblem[] } {
  try {
    if (!before) return { data: validate(createSchema(def), fields) };
    const patch: Row = {};
    for (const [k, value] of Object.entries(fields)) if (!def.fields[k]?.immutable) patch[k] = value;
    return { data: validate(patchSchema(def), patch) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details ?? [{ field: error.field, message: error.message }];
    return {
      problems: details.map((d) => {
        const column = d.field ? columns?.[d.field] : undefined;
        return {
          field: d.field,
          column,
          message: column ? `${d.message} (column "${column}")` : d.message,
        };
      }),
    };
  }
}

/** A column default as a JavaScript value: a quoted literal, a number, or now(). */
const NOW = Symbol("now");

function literal(expression: string): { value: unknown } | null {
  if (/^now\(\)$|^CURRENT_TIMESTAMP$/i.test(expression)) return { value: NOW };
  const quoted = /^'((?:[^']|'')*)'(?:::[\w ]+)?$/.exec(expression);
  if (quoted) {
    const text = quoted[1].replaceAll("''", "'");
    return /::jsonb?$/.test(expression) ? { value: JSON.parse(text) } : { value: text };
  }
  if (/^-?\d+(\.\d+)?$/.test(expression)) return { value: Number(expression) };
  if (/^(true|false)$/.test(expression)) return { value: expression === "true" };
  return null;
}

/**
 * Fills the defaults the database would give a new row, so history rules see the stored
 * values (a contact without a stage becomes a lead, and its first transition says so).
 */
export function applyDefaults(row: Row, columns: Map<string, ColumnInfo>, now: string): void {
  let defaults = defaultsCache.get(columns);
  if (!defaults) {
    defaults = [];
    for (const info of columns.values()) {
      if (info.fallback === null || info.name === "workspace_id" || info.name === "id") continue;
      const value = literal(info.fallback);
      if (!value) continue;
      // An object default ('{}'::jsonb) is copied per row from its JSON text: structuredClone
      // costs more than the rest of a row's planning.
      const json =
        typeof value.value === "object" && value.value !== null ? JSON.stringify(value.value) : null;
      defaults.push({ name: info.name, value: value.value, isNow: value.value === NOW, json });
    }
    defaultsCache.set(columns, defaults);
  }
  for (const d of defaults) {
    if (row[d.name] !== undefined && row[d.name] !== null) continue;
    row[d.name] = d.isNow ? now : d.json === "{}" ? {} : d.json !== null ? JSON.parse(d.json) : d.value;
  }
}

const defaultsCache = new WeakMap<
  Map<string, ColumnInfo>,
  Array<{ name: string; value: unknown; isNow: boolean; json: string | null }>
>();

/**
 * Splits a batch's records of one object into rounds in which each key appears once, so a
 * file that lists the same record twice applies both rows in order. A repeat saying exactly
 * the same as the previous row of its key is dropped (counted unchanged).
 */
export function roundsOf(inputs: RecordInput[]): { rounds: RecordInput[][]; repeats: number } {
  const byKey = new Map<string, RecordInput[]>();
  let repeats = 0;
  for (const input of inputs) {
    const key = keyOf(input.record);
    const list = byKey.get(key);
    if (!list) {
      byKey.set(key, [input]);
      continue;
    }
    const last = list[list.length - 1].record;
    if (sameJson(last.fields, input.record.fields) && sameJson(last.refs, input.record.refs)) repeats++;
    else list.push(input);
  }
  const rounds: RecordInput[][] = [];
  for (const list of byKey.values())
    list.forEach((input, i) => {
      rounds[i] ??= [];
      rounds[i].push(input);
    });
  return { rounds, repeats };
}
