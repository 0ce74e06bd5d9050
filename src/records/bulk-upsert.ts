import { sql } from "kysely";
import type { Db, Tx } from "../db/types.ts";
import { AppError, type ErrorDetail } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import { objectDef } from "../model/registry.ts";
import type { Actor } from "./actor.ts";
import type { Row } from "./hooks.ts";
import { type Change, journal } from "./journal.ts";
import { inTransaction } from "./operations.ts";
import { createSchema, patchSchema, validate } from "./record-schema.ts";
import { insertRow, toApi, updateRow } from "./write-record.ts";

export const MAX_BULK = 1000;

export interface BulkResult {
  created: number;
  updated: number;
  unchanged: number;
  results: Array<{
    id: string;
    source: string;
    external_id: string;
    status: "created" | "updated" | "unchanged";
  }>;
}

/** `account_id` may be given as `account_external_id` (same source as the record, or `account_source`). */
function refAliases(
  def: ObjectDef,
): Array<{ field: string; alias: string; sourceAlias: string; target: string }> {
  return Object.entries(def.fields)
    .filter(([, f]) => f.kind === "ref" && !f.readOnly)
    .map(([field, f]) => {
      const base = field.replace(/_id$/, "");
      return { field, alias: `${base}_external_id`, sourceAlias: `${base}_source`, target: f.ref! };
    });
}

async function lookupIds(tx: Tx, workspaceId: string, table: string, source: string, externalIds: string[]) {
  const rows = await tx
    .selectFrom(table)
    .select(["id", "external_id"])
    .where("workspace_id", "=", workspaceId)
    .where("source", "=", source)
    .where("external_id", "in", externalIds)
    .execute();
  const found = new Map(rows.map((r: Row) => [r.external_id as string, r.id as string]));
  // A record merged away (src/quality/merge) left its (source, external id) as an alias of the survivor.
  const merged = externalIds.filter((id) => !found.has(id));
  if (merged.length > 0) {
    const { rows: aliased } = await sql<{ external_id: string; id: string }>`select a.external_id, t.id
      from record_aliases a join ${sql.table(table)} t on t.workspace_id = a.workspace_id and t.id = a.record_id
      where a.workspace_id = ${workspaceId} and a.object = ${table} and a.source = ${source}
        and a.external_id = any(${sql.val(merged)}::text[])`.execute(tx);
    for (const r of aliased) found.set(r.external_id, r.id);
  }
  return found;
}

/**
 * Upserts records keyed by (source, external id), all or nothing: every row is checked first
 * and any problem (with its row number and field) rejects the whole batch. Re-sending the
 * same batch changes nothing and answers `unchanged` for every row.
 */
export async function bulkUpsert(db: Db, actor: Actor, def: ObjectDef, body: unknown): Promise<BulkResult> {
  const payload = body as { source?: unknown; records?: unknown };
  if (!payload || !Array.isArray(payload.records)) {
    throw new AppError("validation_failed", "records: must be an array of records", { field: "records" });
  }
  const records = payload.records as Row[];
  if (records.length > MAX_BULK) {
    throw new AppError("payload_too_large", `records: at most ${MAX_BULK} records per request`, {
      field: "records",
    });
  }
  const defaultSource = typeof payload.source === "string" ? payload.source : "api";
  const aliases = refAliases(def);

  return inTransaction(db, "write", async (tx) => {
    const errors: ErrorDetail[] = [];
    const prepared = records.map((raw, row) => {
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
        errors.push({ row, message: `row ${row}: must be an object` });
        return null;
      }
      const { source = defaultSource, external_id, ...rest } = raw;
      if (typeof external_id !== "string" || external_id.trim() === "") {
        errors.push({
          row,
          field: "external_id",
          message: `row ${row}: external_id: is required for bulk upsert`,
        });
        return null;
      }
      const refs: Array<{ field: string; target: string; source: string; externalId: string }> = [];
      for (const a of aliases) {
        if (rest[a.alias] === undefined) continue;
        const refSource = (rest[a.sourceAlias] as string | undefined) ?? (source as string);
        if (rest[a.alias] !== null)
          refs.push({
            field: a.field,
            target: a.target,
            source: refSource,
            externalId: String(rest[a.alias]),
          });
        else rest[a.field] = null;
        delete rest[a.alias];
        delete rest[a.sourceAlias];
      }
      return { row, source: String(source), externalId: external_id.trim(), fields: rest, refs };
    });

    // Resolve external-id references, one query per (target, source).
    const wanted = new Map<string, Set<string>>();
    for (const p of prepared)
      for (const r of p?.refs ?? []) {
        const key = `${r.target}\u0000${r.source}`;
        if (!wanted.has(key)) wanted.set(key, new Set());
        wanted.get(key)!.add(r.externalId);
      }
    const resolved = new Map<string, Map<string, string>>();
    for (const [key, ids] of wanted) {
      const [target, source] = key.split("\u0000");
      resolved.set(key, await lookupIds(tx, actor.workspaceId, objectDef(target).key, source, [...ids]));
    }

    // Existing records of this batch, by source.
    const bySource = new Map<string, string[]>();
    for (const p of prepared)
      if (p) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.externalId]);
    const existing = new Map<string, Row>();
    for (const [source, ids] of bySource) {
      const rows = (await tx
        .selectFrom(def.key)
        .selectAll()
        .where("workspace_id", "=", actor.workspaceId)
        .where("source", "=", source)
        .where("external_id", "in", ids)
        .forUpdate()
        .execute()) as Row[];
      for (const r of rows) existing.set(`${source}\u0000${r.external_id}`, r);
      const merged = ids.filter((id) => !existing.has(`${source}\u0000${id}`));
      if (merged.length > 0) {
        const { rows: aliased } = await sql<Row>`select t.*, a.external_id as alias_key from record_aliases a
            join ${sql.table(def.key)} t on t.workspace_id = a.workspace_id and t.id = a.record_id
          where a.workspace_id = ${actor.workspaceId} and a.object = ${def.key} and a.source = ${source}
            and a.external_id = any(${sql.val(merged)}::text[]) for update of t`.execute(tx);
        for (const { alias_key, ...r } of aliased) existing.set(`${source}\u0000${alias_key}`, r);
      }
    }

    const plan: Array<{ before: Row | undefined; data: Row; p: NonNullable<(typeof prepared)[number]> }> = [];
    for (const p of prepared) {
      if (!p) continue;
      for (const r of p.refs) {
        const id = resolved.get(`${r.target}\u0000${r.source}`)?.get(r.externalId);
        if (!id) {
          const alias = `${r.field.replace(/_id$/, "")}_external_id`;
          errors.push({
            row: p.row,
            field: alias,
            message: `row ${p.row}: ${alias}: no ${objectDef(r.target).singular} with external id "${r.externalId}" from source "${r.source}"`,
          });
        } else p.fields[r.field] = id;
      }
      const before = existing.get(`${p.source}\u0000${p.externalId}`);
      try {
        const data = before
          ? validate(patchSchema(def), p.fields, p.row)
          : validate(createSchema(def), { ...p.fields, source: p.source, external_id: p.externalId }, p.row);
        plan.push({ before, data, p });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push(
          ...(error.details ?? [{ row: p.row, message: error.message }]).map((d) => ({
            ...d,
            row: p.row,
            message: `row ${p.row}: ${d.message}`,
          })),
        );
      }
    }
    if (errors.length > 0) {
      throw new AppError(
        "validation_failed",
        `${errors.length} problem(s); nothing was written. ${errors
          .slice(0, 5)
          .map((e) => e.message)
          .join("; ")}`,
        {
          field: errors[0].field,
          details: errors,
        },
      );
    }

    const result: BulkResult = { created: 0, updated: 0, unchanged: 0, results: [] };
    const changes: Change[] = [];
    for (const { before, data, p } of plan) {
      let status: "created" | "updated" | "unchanged";
      let row: Row;
      let change: Change | null;
      if (before) {
        [row, change] = await updateRow(tx, actor, def, before, data, p.source);
        status = change ? "updated" : "unchanged";
      } else {
        [row, change] = await insertRow(tx, actor, def, data);
        status = "created";
      }
      if (change) changes.push(change);
      result[status]++;
      result.results.push({ id: toApi(def, row).id, source: p.source, external_id: p.externalId, status });
    }
    await journal(tx, actor, changes);
    return result;
  });
}
