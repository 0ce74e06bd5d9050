import type { Db } from "../../db/types.ts";
import type { Role } from "../../model/objects/enums.ts";
import type { Actor } from "../../records/index.ts";
import { findImport, type ImportRow } from "../imports/imports.queries.ts";
import { type ImportProgress, ImportStopped, runImport } from "../pipeline/run-import.ts";
import { claimNextJob, finishJob, type Job, orphanedJobs, requeueJob, takeOverJob } from "./job-queue.ts";

export function importActor(row: ImportRow): Actor {
  const a = row.options.actor;
  return {
    type: a?.type ?? "system",
    id: a?.id ?? null,
    workspaceId: row.workspace_id,
    role: (a?.role as Role) ?? "admin",
  };
}

/** Runs the import a claimed job names, then marks the job done or failed. */
export async function runImportJob(
  db: Db,
  job: Job,
  onProgress?: (progress: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportRow | undefined> {
  const row = await findImport(db, job.workspace_id, job.payload.import_id);
  if (!row) {
    await finishJob(db, job, "the import no longer exists");
    return undefined;
  }
  try {
    const done = await runImport(db, row, { actor: importActor(row), job, onProgress, signal });
    await finishJob(db, job);
    return done;
  } catch (error) {
    if (error instanceof ImportStopped) {
      await requeueJob(db, job).catch(() => {});
      return undefined;
    }
    await finishJob(db, job, error instanceof Error ? error.message : String(error)).catch(() => {});
    throw error;
  }
}

export interface ImportWorker {
  /** Looks for work now (a new import was queued). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The server's import worker: claims queued imports and those whose process died mid-way
 * (lease expired), one at a time, and resumes each from its checkpoint.
 */
export function startImportWorker(
  db: Db,
  options: { pollMs?: number; log?: (message: string) => void } = {},
): ImportWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let firstTick = true;
  const abort = new AbortController();
  const run = (job: Job) =>
    runImportJob(db, job, undefined, abort.signal).catch((error) =>
      options.log?.(`import job ${job.id} failed: ${error.message}`),
    );
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (firstTick) {
        firstTick = false;
        for (const orphan of await orphanedJobs(db, "import")) {
          const job = await takeOverJob(db, orphan.workspace_id, orphan.id);
          if (job) await run(job);
        }
      }
      for (;;) {
        if (stopped) break;
        const job = await claimNextJob(db, ["import"]);
        if (!job) break;
        await run(job);
      }
    } catch (error) {
      options.log?.(`import worker: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, options.pollMs ?? 5000);
    timer.unref?.();
  };
  running = tick().finally(schedule);
  return {
    wake() {
      if (!stopped && !busy) running = tick();
    },
    async stop() {
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
