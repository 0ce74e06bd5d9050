import { sql } from "kysely";
import type { Db, Tx } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { type Actor, mapDbError } from "../../records/index.ts";
import { emptyCounts, type ImportCounts } from "../ingest.types.ts";
import { type Job, renewLease } from "../jobs/job-queue.ts";
import type { SourcePriority } from "./source-priority.ts";
import { skipReferenceTriggers, toJson } from "./sql-helpers.ts";
import {
  afterPreviousBatch,
  PreviousBatchFailed,
  type RecordInput,
  type Rejection,
  type WriteContext,
} from "./write-context.ts";
import { ConcurrentWriteError, writeRecords } from "./write-records.ts";

/** Rows of the file mapped and ready to write in one transaction. */
export interface Batch {
  inputs: RecordInput[];
  /** Rows rejected while mapping (unparseable values, missing keys). */
  rejections: Rejection[];
  /** Last row of the batch and the byte offset after it: the checkpoint this batch commits. */
  lastRow: number;
  endOffset: number;
}

export interface BatchTarget {
  actor: Actor;
  importId: string;
  priority: SourcePriority;
  job: Job | null;
  /** How long a statement of the batch may wait for a row lock before the batch starts over (default LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
}

/**
 * Two imports (or an import and another writer) of overlapping keys can wait on each other
 * through a wait PostgreSQL cannot see: a batch that wrote its rows waits in Node for the
 * previous batch to commit, and that one may wait for a lock the other writer holds while it
 * waits for the first batch's rows. A batch that waits this long for a lock rolls back and
 * starts over (so does one PostgreSQL picks as a deadlock victim), which frees the others.
 */
export const LOCK_TIMEOUT_MS = 20_000;
/** Lock timeouts and deadlocks a batch starts over from before its import fails. */
const MAX_LOCK_RETRIES = 5;
const LOCK_NOT_AVAILABLE = "55P03";
const DEADLOCK_DETECTED = "40P01";

async function saveRejections(
  tx: Tx,
  workspaceId: string,
  rejections: Rejection[],
): Promise<Map<string, number>> {
  const byRow = new Map<string, Rejection>();
  for (const r of rejections) {
    const key = `${r.importId}\u0000${r.rowNumber}`;
    const seen = byRow.get(key);
    if (seen) seen.problems.push(...r.problems);
    else byRow.set(key, { ...r, problems: [...r.problems] });
  }
  const rows = [...byRow.values()]
    .filter((r) => r.importId !== null)
    .map((r) => ({
      import_id: r.importId,
      row_number: r.rowNumber,
      field: r.problems[0]?.field ?? null,
      column_name: r.problems[0]?.column ?? null,
      reason: r.problems.map((p) => p.message).join("; "),
      details: r.problems,
      raw: r.raw ?? {},
    }));
  const perImport = new Map<string, number>();
  if (rows.length === 0) return perImport;
  const { rows: saved } = await sql<{ import_id: string }>`insert into import_rejections
      (workspace_id, import_id, row_number, field, column_name, reason, details, raw)
    select ${workspaceId}, x.import_id, x.row_number, x.field, x.column_name, x.reason, x.details, x.raw
    from json_to_recordset(${toJson(rows)}::json) as x(import_id text, row_number bigint, field text,
      column_name text, reason text, details jsonb, raw jsonb)
    on conflict do nothing returning import_id`.execute(tx);
  for (const r of saved) perImport.set(r.import_id, (perImport.get(r.import_id) ?? 0) + 1);
  return perImport;
}

/**
 * One audit entry (the counts) and one outbox event (the ids created and updated, per object)
 * per batch that changed anything, rather than one per record: an import of a million rows
 * would otherwise write two million journal rows.
 */
async function journalBatch(tx: Tx, target: BatchTarget, ctx: WriteContext, batch: Batch): Promise<void> {
  if (ctx.touched.size === 0) return;
  const { actor, importId } = target;
  const after = { ...ctx.counts, last_row: batch.lastRow };
  await sql`insert into audit_log (workspace_id, actor_type, actor_id, action, object, record_id, after)
    values (${actor.workspaceId}, ${actor.type}, ${actor.id}, 'imported', 'imports', ${importId},
      ${JSON.stringify(after)}::jsonb)`.execute(tx);
  const payload = {
    import_id: importId,
    actor: { type: actor.type, id: actor.id },
    ...after,
    objects: Object.fromEntries(ctx.touched),
  };
  await sql`insert into outbox_events (workspace_id, type, object, record_id, payload)
    values (${actor.workspaceId}, 'import.batch_committed', 'imports', ${importId}, ${JSON.stringify(payload)}::jsonb)`.execute(
    tx,
  );
}

async function commitOnce(
  db: Db,
  target: BatchTarget,
  batch: Batch,
  oneByOne: boolean,
  previousCommit: Promise<void> | undefined,
): Promise<ImportCounts> {
  const { actor, importId } = target;
  return db.transaction().execute(async (tx) => {
    const ctx: WriteContext = {
      tx,
      actor,
      workspaceId: actor.workspaceId,
      importId,
      priority: target.priority,
      now: new Date().toISOString(),
      counts: emptyCounts(),
      rejections: [...batch.rejections],
      touched: new Map(),
      oneByOne,
      depth: 0,
      previousCommit,
    };
    ctx.singleConnection = (await skipReferenceTriggers(tx)).singleConnection;
    if (!ctx.singleConnection)
      await sql
        .raw(`set local lock_timeout = ${Math.max(1, Math.round(target.lockTimeoutMs ?? LOCK_TIMEOUT_MS))}`)
        .execute(tx);
    await writeRecords(ctx, batch.inputs);
    // Checkpoints commit in file order: this one waits for the previous batch's commit (and
    // rolls back, unwritten, if that one failed).
    await afterPreviousBatch(ctx);
    const rejected = await saveRejections(tx, actor.workspaceId, ctx.rejections);
    ctx.counts.rejected = rejected.get(importId) ?? 0;
    for (const [other, n] of rejected)
      if (other !== importId)
        await sql`update imports set rejected = rejected + ${n} where workspace_id = ${actor.workspaceId} and id = ${other}`.execute(
          tx,
        );
    const c = ctx.counts;
    await sql`update imports set rows_done = ${batch.lastRow}, bytes_done = ${batch.endOffset},
        created = created + ${c.created}, updated = updated + ${c.updated}, unchanged = unchanged + ${c.unchanged},
        rejected = rejected + ${c.rejected}, deferred = deferred + ${c.deferred}, resolved = resolved + ${c.resolved},
        updated_at = now()
      where workspace_id = ${actor.workspaceId} and id = ${importId}`.execute(tx);
    if (target.job && !(await renewLease(tx, target.job)))
      throw new AppError("unavailable", "Another worker took this import over; this one stops");
    await journalBatch(tx, target, ctx, batch);
    return ctx.counts;
  });
}

/**
 * Commits a batch — its records, history, quarantined rows, audit entry and checkpoint — in one
 * transaction, so a crash loses or repeats nothing. When the set-based write hits a database
 * error, the batch runs again record by record and only the offending records are rejected.
 */
export async function commitBatch(
  db: Db,
  target: BatchTarget,
  batch: Batch,
  /** The previous batch's commit, when this one starts before it ends: this one's checkpoint waits for it. */
  previousCommit?: Promise<void>,
): Promise<ImportCounts> {
  let oneByOne = false;
  let lockRetries = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await commitOnce(db, target, batch, oneByOne, previousCommit);
    } catch (error) {
      if (error instanceof PreviousBatchFailed) throw error;
      if (error instanceof ConcurrentWriteError && attempt < 5) continue;
      const code = (error as { code?: string }).code;
      if ((code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED) && lockRetries++ < MAX_LOCK_RETRIES)
        continue;
      if (!oneByOne && !(error instanceof AppError) && mapDbError(error) instanceof AppError) {
        oneByOne = true;
        continue;
      }
      throw error;
    }
  }
}
