import { sql } from "kysely";
import type { DbOrTx, Tx } from "../../db/types.ts";
import type { Row } from "../../records/index.ts";
import type { PriorRow, TouchedRows } from "./touched-rows.ts";

export const ALIASES = "record_aliases";
export const PENDING = "pending_references";

/**
 * After a merge, the merged records' provenance keeps naming the survivor: each (source,
 * external id) becomes an alias of it, aliases that named a merged record move to it, and
 * references an import left waiting on a merged record wait on the survivor instead.
 */
export async function moveAliases(
  tx: Tx,
  workspaceId: string,
  object: string,
  survivorId: string,
  mergedIds: readonly string[],
  mergeId: string,
  records: Map<string, Row>,
  touched: TouchedRows,
): Promise<void> {
  const ids = sql.val(mergedIds);
  const moved = await sql<Row>`select * from record_aliases
    where workspace_id = ${workspaceId} and object = ${object} and record_id = any(${ids}::text[]) for update`.execute(
    tx,
  );
  for (const row of moved.rows)
    touched.prior.push({
      object: ALIASES,
      id: `${row.source}\u0000${row.external_id}`,
      action: "updated",
      row,
    });
  await sql`update record_aliases set record_id = ${survivorId}
    where workspace_id = ${workspaceId} and object = ${object} and record_id = any(${ids}::text[])`.execute(
    tx,
  );
  const waiting = await sql<Row>`select * from pending_references
    where workspace_id = ${workspaceId} and object = ${object} and record_id = any(${sql.val([survivorId, ...mergedIds])}::text[])
    order by id for update`.execute(tx);
  // The survivor's own waiting references win; a merged record's wait on its behalf otherwise.
  const taken = new Set(waiting.rows.filter((r) => r.record_id === survivorId).map((r) => r.field as string));
  for (const row of waiting.rows) {
    if (row.record_id === survivorId) continue;
    const action = taken.has(row.field) ? "deleted" : "updated";
    touched.prior.push({ object: PENDING, id: String(row.id), action, row });
    if (action === "deleted")
      await sql`delete from pending_references where workspace_id = ${workspaceId} and id = ${row.id}`.execute(
        tx,
      );
    else {
      taken.add(row.field);
      await sql`update pending_references set record_id = ${survivorId}
        where workspace_id = ${workspaceId} and id = ${row.id}`.execute(tx);
    }
  }
  const aliases = mergedIds
    .map((id) => records.get(id)!)
    .filter((r) => r.external_id != null)
    .map((r) => ({ source: r.source, external_id: r.external_id }));
  if (aliases.length === 0) return;
  await sql`insert into record_aliases (workspace_id, object, source, external_id, record_id, merge_id)
    select ${workspaceId}, ${object}, source, external_id, ${survivorId}, ${mergeId}
    from jsonb_to_recordset(${JSON.stringify(aliases)}::jsonb) as x(source text, external_id text)
    on conflict (workspace_id, object, source, external_id) do update set record_id = excluded.record_id, merge_id = excluded.merge_id`.execute(
    tx,
  );
}

/** Puts aliases and waiting references back as they were before the merge, and drops its own. */
export async function restoreAliases(
  tx: Tx,
  workspaceId: string,
  mergeId: string,
  prior: PriorRow[],
): Promise<void> {
  await sql`delete from record_aliases where workspace_id = ${workspaceId} and merge_id = ${mergeId}`.execute(
    tx,
  );
  for (const { object, action, row } of prior) {
    if (object === ALIASES) {
      await sql`insert into record_aliases (workspace_id, object, source, external_id, record_id, merge_id)
        values (${workspaceId}, ${row.object}, ${row.source}, ${row.external_id}, ${row.record_id}, ${row.merge_id})
        on conflict (workspace_id, object, source, external_id) do update set record_id = excluded.record_id, merge_id = excluded.merge_id`.execute(
        tx,
      );
    } else if (action === "deleted") {
      await sql`insert into pending_references overriding system value
        select * from jsonb_populate_record(null::pending_references, ${JSON.stringify(row)}::jsonb)`.execute(
        tx,
      );
    } else {
      await sql`update pending_references set record_id = ${row.record_id}
        where workspace_id = ${workspaceId} and id = ${row.id}`.execute(tx);
    }
  }
}

/**
 * The record each (source, external id) names now, through aliases left by merges: for
 * imports and upserts, so a duplicate merged away keeps resolving to its survivor.
 */
export async function resolveAliases(
  db: DbOrTx,
  workspaceId: string,
  object: string,
  source: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await sql<{
    external_id: string;
    record_id: string;
  }>`select external_id, record_id from record_aliases
    where workspace_id = ${workspaceId} and object = ${object} and source = ${source}
      and external_id = any(${sql.val(externalIds)}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.external_id, r.record_id]));
}
