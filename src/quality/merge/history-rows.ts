import { sql } from "kysely";
import type { Tx } from "../../db/types.ts";
import type { CreatedRow, TouchedRows } from "./touched-rows.ts";

/** History tables the write path appends to (src/records/hooks.ts), by the object they follow. */
const HISTORY: Record<string, { table: string; key: string }> = {
  contacts: { table: "lifecycle_transitions", key: "subject_id" },
  accounts: { table: "lifecycle_transitions", key: "subject_id" },
  opportunities: { table: "opportunity_stage_history", key: "opportunity_id" },
  subscriptions: { table: "subscription_versions", key: "subscription_id" },
};

/**
 * The history rows this transaction added for the rows it updated (say, the survivor's
 * lifecycle moved): rows whose `xmin` is the current transaction, less those it re-pointed.
 * Undo deletes them.
 */
export async function historyRowsAddedBy(
  tx: Tx,
  workspaceId: string,
  touched: TouchedRows,
): Promise<CreatedRow[]> {
  const idsByObject = new Map<string, string[]>();
  for (const p of touched.prior) {
    if (p.action !== "updated" || !HISTORY[p.object]) continue;
    idsByObject.set(p.object, [...(idsByObject.get(p.object) ?? []), p.id]);
  }
  const created: CreatedRow[] = [];
  for (const [object, ids] of idsByObject) {
    const { table, key } = HISTORY[object];
    const { rows } = await sql<{ id: string }>`select id from ${sql.table(table)}
      where workspace_id = ${workspaceId} and ${sql.id(key)} = any(${sql.val(ids)}::text[])
        and xmin = pg_current_xact_id()::xid`.execute(tx);
    // Rows this merge re-pointed were updated in the transaction too: they are not new.
    const repointed = new Set(touched.prior.filter((p) => p.object === table).map((p) => p.id));
    for (const row of rows) if (!repointed.has(row.id)) created.push({ object: table, id: row.id });
  }
  return created;
}
