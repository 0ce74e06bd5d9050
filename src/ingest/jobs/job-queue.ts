import { hostname } from "node:os";
import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";

/** How long a claimed job stays ours without a heartbeat; each committed batch renews it. */
export const LEASE_SECONDS = 60;

export interface Job {
  workspace_id: string;
  id: number;
  kind: string;
  payload: Record<string, any>;
  status: string;
  attempts: number;
  locked_by: string | null;
}

/** This process, as it marks the jobs it holds: host and pid. */
export const thisWorker = (): string => `${hostname()}:${process.pid}`;

export async function enqueueJob(
  db: DbOrTx,
  workspaceId: string,
  kind: string,
  payload: object,
): Promise<number> {
  const { rows } = await sql<{ id: number }>`insert into jobs (workspace_id, kind, payload)
    values (${workspaceId}, ${kind}, ${JSON.stringify(payload)}::jsonb) returning id`.execute(db);
  return rows[0].id;
}

/**
 * Claims the oldest job that is queued or whose holder stopped renewing its lease (its process
 * died), skipping jobs other workers are claiming at the same moment.
 */
export async function claimNextJob(db: DbOrTx, kinds: string[], worker = thisWorker()): Promise<Job | null> {
  const { rows } = await sql<Job>`update jobs set status = 'running', locked_by = ${worker},
      locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1, updated_at = now()
    where (workspace_id, id) = (
      select workspace_id, id from jobs
      where kind in (${sql.join(kinds)}) and (status = 'queued' or (status = 'running' and locked_until < now()))
      order by id limit 1 for update skip locked)
    returning *`.execute(db);
  return rows[0] ?? null;
}

function holderIsDead(lockedBy: string | null): boolean {
  if (!lockedBy) return true;
  const [host, pid] = lockedBy.split(":");
  if (host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}

/**
 * Claims one given job to resume it now: allowed when it is queued, failed, its lease ran
 * out, or its holder was a process on this host that is gone.
 */
export async function takeOverJob(
  db: DbOrTx,
  workspaceId: string,
  jobId: number,
  worker = thisWorker(),
): Promise<Job | null> {
  const current = await sql<Job & { expired: boolean }>`select *, (locked_until < now()) as expired from jobs
    where workspace_id = ${workspaceId} and id = ${jobId}`.execute(db);
  const job = current.rows[0];
  if (!job || job.status === "done") return null;
  if (job.status === "running" && !job.expired && !holderIsDead(job.locked_by)) return null;
  const { rows } = await sql<Job>`update jobs set status = 'running', locked_by = ${worker},
      locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1, updated_at = now()
    where workspace_id = ${workspaceId} and id = ${jobId} and locked_by is not distinct from ${job.locked_by}
      and status = ${job.status}
    returning *`.execute(db);
  return rows[0] ?? null;
}

/** Renews the lease inside a batch's transaction; false when another worker took the job over. */
export async function renewLease(db: DbOrTx, job: Job): Promise<boolean> {
  const result =
    await sql`update jobs set locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
    where workspace_id = ${job.workspace_id} and id = ${job.id} and locked_by = ${job.locked_by}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Puts a job back in the queue (its worker stopped on purpose). */
export async function requeueJob(db: DbOrTx, job: Job): Promise<void> {
  await sql`update jobs set status = 'queued', locked_by = null, locked_until = null, updated_at = now()
    where workspace_id = ${job.workspace_id} and id = ${job.id}`.execute(db);
}

/** Running jobs whose holder was a process on this host that is gone (killed mid-way). */
export async function orphanedJobs(db: DbOrTx, kind: string): Promise<Job[]> {
  const { rows } = await sql<Job>`select * from jobs where kind = ${kind} and status = 'running'`.execute(db);
  return rows.filter((job) => holderIsDead(job.locked_by));
}

export async function finishJob(db: DbOrTx, job: Job, error?: string): Promise<void> {
  await sql`update jobs set status = ${error ? "failed" : "done"}, last_error = ${error ?? null},
      locked_by = null, locked_until = null, updated_at = now()
    where workspace_id = ${job.workspace_id} and id = ${job.id}`.execute(db);
}
