import type { Db } from "../../db/types.ts";
import { notFound } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { type Actor, currentSource, type Row } from "../../records/index.ts";

/**
 * Where each value of a record came from: per field the value, its source and time, and the
 * values other sources gave that lost (see source priority); plus the raw source row.
 */
export async function recordProvenance(db: Db, actor: Actor, def: ObjectDef, id: string) {
  const row = (await db
    .selectFrom(def.key)
    .selectAll()
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", id)
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(def.singular, id);
  const fields: Row = {};
  for (const field of Object.keys(def.fields)) {
    if (def.hidden?.includes(field)) continue;
    const source = currentSource(row, field);
    fields[field] = {
      value: row[field] ?? null,
      source: source.source,
      at: source.at,
      ...(source.losing ? { losing: source.losing } : {}),
    };
  }
  return {
    id: row.id,
    object: def.key,
    source: row.source,
    external_id: row.external_id,
    raw: row.raw ?? null,
    fields,
  };
}
