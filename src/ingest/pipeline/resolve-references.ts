import { sql } from "kysely";
import { objectDef } from "../../model/registry.ts";
import type { RecordRef } from "../ingest.types.ts";
import { textArray } from "./sql-helpers.ts";
import type { RecordInput, WriteContext } from "./write-context.ts";

export const refKey = (ref: Pick<RecordRef, "object" | "source" | "key">): string =>
  `${ref.object}\u0000${ref.source ?? ""}\u0000${ref.key}`;

/**
 * Looks up every record the inputs refer to, one query per (object, source), and locks them
 * against deletion until the batch commits (what a foreign-key check would do).
 */
export async function resolveReferences(
  ctx: WriteContext,
  inputs: RecordInput[],
): Promise<Map<string, string>> {
  const wanted = new Map<string, { object: string; source: string | null; keys: Set<string> }>();
  for (const input of inputs)
    for (const ref of input.record.refs) {
      const group = `${ref.object}\u0000${ref.source ?? ""}`;
      let entry = wanted.get(group);
      if (!entry) {
        entry = { object: ref.object, source: ref.source, keys: new Set() };
        wanted.set(group, entry);
      }
      entry.keys.add(ref.key);
    }
  const found = new Map<string, string>();
  const lock = ctx.singleConnection ? sql`` : sql`for key share`;
  for (const { object, source, keys } of wanted.values()) {
    const table = sql.table(objectDef(object).key);
    const { rows } =
      source === null
        ? await sql<{ id: string; k: string }>`select id, id as k from ${table}
            where workspace_id = ${ctx.workspaceId} and id = any(${textArray(keys)}) ${lock}`.execute(ctx.tx)
        : await sql<{ id: string; k: string }>`select id, external_id as k from ${table}
            where workspace_id = ${ctx.workspaceId} and source = ${source}
            and external_id = any(${textArray(keys)}) ${lock}`.execute(ctx.tx);
    for (const row of rows) found.set(refKey({ object, source, key: row.k }), row.id);
    // A record merged away (src/quality/merge) left its (source, external id) as an alias of the survivor.
    const merged = [...keys].filter((key) => !found.has(refKey({ object, source, key })));
    if (source !== null && merged.length > 0) {
      const aliased = await sql<{
        id: string;
        k: string;
      }>`select t.id, a.external_id as k from record_aliases a
          join ${table} t on t.workspace_id = a.workspace_id and t.id = a.record_id
        where a.workspace_id = ${ctx.workspaceId} and a.object = ${objectDef(object).key} and a.source = ${source}
          and a.external_id = any(${textArray(merged)}) ${lock}`.execute(ctx.tx);
      for (const row of aliased.rows) found.set(refKey({ object, source, key: row.k }), row.id);
    }
  }
  return found;
}
