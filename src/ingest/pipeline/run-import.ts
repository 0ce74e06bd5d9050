import { statSync } from "node:fs";
import { refreshStatistics } from "../../db/statistics.ts";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { type Actor, HISTORY_TABLES } from "../../records/index.ts";
import { withHeapGrowthCap } from "../../runtime/heap-growth.ts";
import { getImport, type ImportRow, setImportStatus } from "../imports/imports.queries.ts";
import { getSourcePriority } from "../imports/source-priority.queries.ts";
import type { Job } from "../jobs/job-queue.ts";
import { presetByName } from "../presets/presets.ts";
import { disjointBatches, presetMayOverlap } from "./batch-overlap.ts";
import { type Batch, commitBatch } from "./commit-batch.ts";
import { checkColumns, sha256File } from "./inspect-file.ts";
import { mappedBatches } from "./source-file.ts";

/** Rows per transaction: big enough for set-based writes (COPY) to pay, small enough that the
 * rows in flight (one batch mapping while the previous commits) keep memory low: 2,000 rather
 * than 5,000 cut the peak RSS of a 100,000-row import on PostgreSQL from 392 to 323 MB. */
export const BATCH_ROWS = 2000;

export interface ImportProgress {
  rows: number;
  bytes: number;
  size: number;
}

export interface RunOptions {
  actor: Actor;
  job: Job | null;
  batchRows?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops between two batches (server shutdown); the import stays resumable. */
  signal?: AbortSignal;
  /** See LOCK_TIMEOUT_MS (tests shorten it). */
  lockTimeoutMs?: number;
}

/** An import stopped on purpose between two batches: queued again, not failed. */
export class ImportStopped extends Error {}

async function checkFileUnchanged(row: ImportRow): Promise<void> {
  let size: number;
  try {
    size = statSync(row.file_path).size;
  } catch {
    throw new AppError("validation_failed", `file: ${row.file_path} is gone; the import cannot go on`, {
      field: "file",
    });
  }
  if (
    size !== Number(row.file_size) ||
    (row.rows_done > 0 && (await sha256File(row.file_path)) !== row.file_sha256)
  )
    throw new AppError(
      "validation_failed",
      `file: ${row.file_path} changed since the import started; start a new import`,
      {
        field: "file",
      },
    );
}

/** Imports of at least this many rows refresh the planner's statistics when they finish. */
const ANALYZE_AFTER_ROWS = 10_000;
/**
 * While an import runs, its tables' statistics are refreshed when it has committed this many
 * rows, then 4× as many, and so on. A table that was empty when last analysed has no column
 * statistics, so the planner reads `external_id = any($2,000 keys)` as matching every row and
 * scans the whole table for each batch: a 400,000-row import spent 16 of its 55 s in those scans.
 */
const FIRST_ANALYZE_ROWS = 4_000;

/**
 * Runs (or resumes) an import: streams the file from its checkpoint, maps each batch while the
 * previous one commits, and commits each batch with its checkpoint, in file order. Where it is
 * safe (see presetMayOverlap), a batch reads, plans and writes while the previous one writes, so
 * the work in Node and in two database backends overlap. Killed at any moment, it resumes from the last
 * committed row: nothing is written twice or skipped. The heap's growth is capped meanwhile
 * (see withHeapGrowthCap).
 */
export function runImport(db: Db, importRow: ImportRow, options: RunOptions): Promise<ImportRow> {
  return withHeapGrowthCap(() => runImportBatches(db, importRow, options));
}

async function runImportBatches(db: Db, importRow: ImportRow, options: RunOptions): Promise<ImportRow> {
  const { actor } = options;
  const workspaceId = actor.workspaceId;
  await setImportStatus(db, workspaceId, importRow.id, "running");
  try {
    const preset = presetByName(importRow.preset, importRow.options);
    checkColumns(preset, importRow.columns);
    await checkFileUnchanged(importRow);
    const priority = await getSourcePriority(db, workspaceId);
    const target = {
      actor,
      importId: importRow.id,
      priority,
      job: options.job,
      lockTimeoutMs: options.lockTimeoutMs,
    };
    const start = importRow.rows_done > 0 ? Number(importRow.bytes_done) : (importRow.options.dataStart ?? 0);
    const batches = mappedBatches(
      {
        path: importRow.file_path,
        format: importRow.format,
        columns: importRow.columns,
        delimiter: importRow.options.delimiter,
        encoding: importRow.options.encoding,
        dateOrder: importRow.options.dateOrder,
        start,
        firstRow: Number(importRow.rows_done) + 1,
      },
      preset,
      importRow.id,
      options.batchRows ?? BATCH_ROWS,
    );
    const tables = [...preset.objects, ...HISTORY_TABLES];
    let committed = 0;
    let analyzeAt = FIRST_ANALYZE_ROWS;
    const mayOverlap = presetMayOverlap(preset.objects);
    // At most two batches in flight: `last` (the newest) and the one before it.
    let last: { batch: Batch; commit: Promise<unknown>; done: Promise<void> } | null = null;
    let older: Promise<void> | null = null;
    const settle = async () => {
      await Promise.allSettled([older, last?.done]);
    };
    try {
      for await (const batch of batches) {
        if (older) await older;
        older = null;
        if (options.signal?.aborted) {
          if (last) await last.done;
          throw new ImportStopped("stopped; it resumes from its checkpoint");
        }
        // The next batch reads, plans and writes while the previous one writes when nothing it
        // reads or writes is something the previous one writes (disjoint keys: no row or unique
        // key in common); it commits its checkpoint only after the previous one committed.
        const overlap = last !== null && mayOverlap && disjointBatches(last.batch, batch);
        if (last && !overlap) await last.done;
        const previous = overlap ? last!.commit.then(() => {}) : undefined;
        // Awaited by this batch before it writes; handled now, as the previous one may fail first.
        previous?.catch(() => {});
        const commit = commitBatch(db, target, batch, previous);
        const done = commit.then(async () => {
          options.onProgress?.({
            rows: batch.lastRow,
            bytes: batch.endOffset,
            size: Number(importRow.file_size),
          });
          committed += batch.inputs.length;
          if (committed >= analyzeAt) {
            analyzeAt *= 4;
            await refreshStatistics(db, tables);
          }
        });
        // Awaited in turn below; marked handled so a failure is not reported twice.
        done.catch(() => {});
        older = last?.done ?? null;
        last = { batch, commit, done };
      }
      if (older) await older;
      if (last) await last.done;
    } catch (error) {
      // The batch after a failed one stops too: let it roll back before the import is marked.
      await settle();
      throw error;
    }
    await setImportStatus(db, workspaceId, importRow.id, "completed");
    // A big import changes table sizes: give the planner fresh statistics (PGlite has no autovacuum).
    const done = await getImport(db, workspaceId, importRow.id);
    if (Number(done.rows_done) >= ANALYZE_AFTER_ROWS) await refreshStatistics(db);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof ImportStopped ? "queued" : "failed";
    await setImportStatus(db, workspaceId, importRow.id, status, status === "failed" ? message : null).catch(
      () => {},
    );
    throw error;
  }
  return getImport(db, workspaceId, importRow.id);
}
