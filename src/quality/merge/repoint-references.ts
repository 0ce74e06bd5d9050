import { sql } from "kysely";
import type { Tx } from "../../db/types.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { OBJECTS, referencesTo } from "../../model/registry.ts";
import { type Actor, type Row, updateRow } from "../../records/index.ts";
import { rememberUpdate, type TouchedRows } from "./touched-rows.ts";

/** Where a record can be referenced: every `ref` field of the registry, and typed subjects. */
export interface ReferenceSite {
  object: ObjectDef;
  field: string;
  /** For a polymorphic reference (lifecycle transitions): the type column and its value. */
  typeField?: string;
  typeValue?: string;
}

/**
 * Every place that may hold a reference to a record of `def`, found from the model registry:
 * each field of kind `ref` to it, and polymorphic `subject_type`/`subject_id` pairs.
 */
export function referenceSites(def: ObjectDef): ReferenceSite[] {
  const sites: ReferenceSite[] = referencesTo(def.key).map(({ object, field }) => ({ object, field }));
  for (const object of OBJECTS) {
    const type = object.fields.subject_type;
    if (object.fields.subject_id && type?.values?.includes(def.singular))
      sites.push({ object, field: "subject_id", typeField: "subject_type", typeValue: def.singular });
  }
  return sites;
}

/**
 * Points every row referencing one of `mergedIds` at the survivor, row by row through the one
 * write path (`updateRow`: history rules, provenance, version, audit and outbox via the
 * caller's journal). Rows are locked first, so an edit committed meanwhile is seen, not lost.
 * The merged records themselves are left alone (they are about to be deleted), and so is the
 * survivor (its own references are part of its merged values).
 */
export async function repointReferences(
  tx: Tx,
  actor: Actor,
  def: ObjectDef,
  survivorId: string,
  mergedIds: readonly string[],
  touched: TouchedRows,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const site of referenceSites(def)) {
    const table = sql.table(site.object.key);
    const typeFilter = site.typeField ? sql`and ${sql.id(site.typeField)} = ${site.typeValue}` : sql``;
    const { rows } = await sql<Row>`select * from ${table}
      where workspace_id = ${actor.workspaceId} and ${sql.id(site.field)} = any(${sql.val(mergedIds)}::text[])
      ${typeFilter} order by id for update`.execute(tx);
    let moved = 0;
    for (const row of rows) {
      if (site.object.key === def.key && (mergedIds.includes(row.id) || row.id === survivorId)) continue;
      const [after, change] = await updateRow(tx, actor, site.object, row, { [site.field]: survivorId });
      if (!change) continue;
      rememberUpdate(touched, site.object.key, row, after);
      touched.changes.push(change);
      moved++;
    }
    if (moved > 0) counts[`${site.object.key}.${site.field}`] = moved;
  }
  return counts;
}
