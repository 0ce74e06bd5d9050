import { sql } from "kysely";
import type { Db, Tx } from "../../db/types.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import { type Actor, type Change, inTransaction, journal, type Row, toApi } from "../../records/index.ts";
import { insertExactRow, restoreExactRow } from "./exact-rows.ts";
import { ALIASES, PENDING, restoreAliases } from "./record-aliases.ts";
import { type CreatedRow, type PriorRow, rowKey } from "./touched-rows.ts";

interface MergeRow {
  id: string;
  object: string;
  survivor_id: string;
  merged_ids: string[];
  cluster_id: string | null;
  prior_rows: PriorRow[];
  after_versions: Record<string, number>;
  created_rows: CreatedRow[];
  status: string;
}

async function lockMerge(tx: Tx, actor: Actor, mergeId: string): Promise<MergeRow> {
  const { rows } = await sql<MergeRow>`select * from merges
    where workspace_id = ${actor.workspaceId} and id = ${mergeId} for update`.execute(tx);
  if (!rows[0]) throw notFound("merge", mergeId);
  if (rows[0].status === "undone")
    throw new AppError("version_conflict", `merge ${mergeId} was already undone`, { field: "id" });
  return rows[0];
}

const conflict = (message: string, extra: Record<string, unknown>) =>
  new AppError("version_conflict", message, { field: "id", extra });

/**
 * Refuses the undo when a row the merge updated was saved again since (undo would silently
 * throw that edit away) or deleted, or when a merged record's (source, external id) was taken
 * by a new record: the user decides what to do instead, nothing is written.
 */
async function lockAndCheck(tx: Tx, actor: Actor, merge: MergeRow): Promise<Map<string, Row>> {
  const current = new Map<string, Row>();
  for (const p of merge.prior_rows) {
    if (p.object === ALIASES || p.object === PENDING) continue;
    const def = objectDef(p.object);
    const { rows } = await sql<Row>`select * from ${sql.table(def.key)}
      where workspace_id = ${actor.workspaceId} and id = ${p.id} for update`.execute(tx);
    const row = rows[0];
    if (p.action === "deleted") {
      if (row)
        throw conflict(`${def.singular} ${p.id} exists again; the merge cannot be undone`, { id: p.id });
      if (p.row.external_id != null) {
        const taken = await sql<{ id: string }>`select id from ${sql.table(def.key)}
          where workspace_id = ${actor.workspaceId} and source = ${p.row.source} and external_id = ${p.row.external_id}`.execute(
          tx,
        );
        if (taken.rows[0])
          throw conflict(
            `${def.singular} ${taken.rows[0].id} now holds ${p.row.source} id ${p.row.external_id}, which ${p.id} had; the merge cannot be undone`,
            { id: p.id, taken_by: taken.rows[0].id },
          );
      }
      continue;
    }
    const expected = merge.after_versions[rowKey(p.object, p.id)];
    if (!row)
      throw conflict(`${def.singular} ${p.id} was deleted after the merge; it cannot be undone`, {
        id: p.id,
      });
    if (row.version !== expected)
      throw conflict(
        `${def.singular} ${p.id} was changed after the merge (version ${row.version}, the merge left ${expected}); undoing would lose that change`,
        { id: p.id, current_version: row.version, current: toApi(def, row) },
      );
    current.set(rowKey(p.object, p.id), row);
  }
  return current;
}

/**
 * Undoes a merge exactly: the merged records come back with their ids, versions, values and
 * provenance; every re-pointed row and the survivor get back every column they had (their
 * version moves on by one, so a client holding the merged state cannot overwrite the
 * restored one); history rows the merge added go; aliases are put back. Journaled.
 */
export async function undoMerge(db: Db, actor: Actor, mergeId: string) {
  return inTransaction(db, "write", async (tx) => {
    const merge = await lockMerge(tx, actor, mergeId);
    const current = await lockAndCheck(tx, actor, merge);
    const changes: Change[] = [];
    for (const p of merge.prior_rows.filter((r) => r.action === "deleted")) {
      if (p.object === PENDING) continue;
      const def = objectDef(p.object);
      const row = await insertExactRow(tx, def.key, p.row);
      changes.push({
        action: "created",
        object: def.key,
        singular: def.singular,
        recordId: p.id,
        before: null,
        after: toApi(def, row),
      });
    }
    for (const p of merge.prior_rows.filter((r) => r.action === "updated")) {
      if (p.object === ALIASES || p.object === PENDING) continue;
      const def = objectDef(p.object);
      const before = current.get(rowKey(p.object, p.id))!;
      const row = await restoreExactRow(tx, def.key, p.row, {
        version: before.version + 1,
        updated_at: sql`now()`,
      });
      changes.push({
        action: "updated",
        object: def.key,
        singular: def.singular,
        recordId: p.id,
        before: toApi(def, before),
        after: toApi(def, row),
      });
    }
    for (const c of merge.created_rows)
      await sql`delete from ${sql.table(c.object)} where workspace_id = ${actor.workspaceId} and id = ${c.id}`.execute(
        tx,
      );
    await restoreAliases(
      tx,
      actor.workspaceId,
      merge.id,
      merge.prior_rows.filter((p) => p.object === ALIASES || p.object === PENDING),
    );
    await sql`update merges set status = 'undone', undone_by = ${actor.id}, undone_at = now()
      where workspace_id = ${actor.workspaceId} and id = ${merge.id}`.execute(tx);
    if (merge.cluster_id)
      await sql`update dedupe_clusters set status = 'open', merge_id = null, updated_at = now()
        where workspace_id = ${actor.workspaceId} and id = ${merge.cluster_id} and merge_id = ${merge.id}`.execute(
        tx,
      );
    const def = objectDef(merge.object);
    changes.push({
      action: "unmerged",
      object: def.key,
      singular: def.singular,
      recordId: merge.survivor_id,
      before: { merge_id: merge.id },
      after: { merge_id: merge.id, restored_ids: merge.merged_ids },
    });
    await journal(tx, actor, changes);
    return {
      merge_id: merge.id,
      object: merge.object,
      survivor_id: merge.survivor_id,
      restored_ids: merge.merged_ids,
    };
  });
}
