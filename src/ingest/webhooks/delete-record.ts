import { sql } from "kysely";
import type { Tx } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { type Actor, type Change, deleteRow, mapDbError } from "../../records/index.ts";

export interface DeleteOutcome {
  action: "deleted" | "unlinked" | "not_found";
  recordId: string | null;
  change: Change | null;
}

/**
 * A source says it deleted its record (source, external id). The record it keyed is deleted
 * (history rules, audit and outbox as for a delete through the API; refused while other
 * records refer to it). A record merged into another (src/quality/merge) only left an alias on
 * the survivor, which other sources may still hold: the alias is removed, the survivor kept.
 * An unknown key deletes nothing (the source may never have sent it).
 */
export async function deleteBySourceKey(
  tx: Tx,
  actor: Actor,
  def: ObjectDef,
  source: string,
  externalId: string,
): Promise<DeleteOutcome> {
  const { rows } = await sql<{ id: string }>`select id from ${sql.table(def.key)}
    where workspace_id = ${actor.workspaceId} and source = ${source} and external_id = ${externalId}`.execute(
    tx,
  );
  if (rows[0]) {
    try {
      const change = await deleteRow(tx, actor, def, rows[0].id);
      return { action: "deleted", recordId: rows[0].id, change };
    } catch (error) {
      // The transaction is lost: the event rolls back whole, unclaimed, and can be sent again.
      const mapped = mapDbError(error, "delete");
      if (mapped instanceof AppError)
        throw new AppError(mapped.code, `${def.singular} ${rows[0].id}: ${mapped.message}`, {
          extra: mapped.extra,
        });
      throw error;
    }
  }
  const { rows: aliases } = await sql<{ record_id: string }>`delete from record_aliases
    where workspace_id = ${actor.workspaceId} and object = ${def.key} and source = ${source}
      and external_id = ${externalId} returning record_id`.execute(tx);
  if (aliases[0]) return { action: "unlinked", recordId: aliases[0].record_id, change: null };
  return { action: "not_found", recordId: null, change: null };
}
