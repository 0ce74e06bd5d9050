import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { newId } from "../../model/ids.ts";
import { objectDef } from "../../model/registry.ts";
import { type Actor, type Row, validate } from "../../records/index.ts";
import { defaultSurvivor, mergeRecords } from "../merge/index.ts";
import { getDedupeSettings } from "./dedupe-settings.ts";
import { type FoundCluster, findDuplicates, pairKey } from "./find-duplicates.ts";
import { findDuplicatesInWorker, WORKER_MIN_ROWS } from "./find-duplicates-worker.ts";
import { loadLeadsAndAccounts, matchLeadsToAccounts } from "./lead-matches.ts";
import { type DedupeObject, loadRecords, RUN_OBJECTS, type RunObject } from "./load-records.ts";
import { storeClusters, storeLeadMatches } from "./store-results.ts";

export const runInputSchema = z
  .object({
    object: z.enum(RUN_OBJECTS, { message: `must be one of ${RUN_OBJECTS.join(", ")}` }),
    dry_run: z.boolean().optional(),
  })
  .strict();

export interface RunProgress {
  stage: string;
  done: number;
  total: number;
}

export interface RunSummary {
  run_id: string | null;
  object: RunObject;
  dry_run: boolean;
  rows: number;
  comparisons: number;
  pairs: number;
  clusters: number;
  auto_merged: number;
  queued: number;
  rejected_pairs: number;
  seconds: number;
  stages: Record<string, number>;
  /** Why no cluster was proposed although records were compared, when that is the case. */
  warning: string | null;
}

/** How often the matching stage's progress is written to the run record. */
const PROGRESS_EVERY_MS = 1000;

/** A run still "running" this long after it started was cut short (its process stopped). */
const STALE_MINUTES = 30;

async function setProgress(db: Db, actor: Actor, runId: string | null, fields: Record<string, unknown>) {
  if (!runId) return;
  await db
    .updateTable("dedupe_runs")
    .set(fields)
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", runId)
    .execute();
}

async function notDuplicates(db: Db, workspaceId: string, object: string): Promise<Set<string>> {
  const { rows } = await sql<{
    left_id: string;
    right_id: string;
  }>`select left_id, right_id from dedupe_decisions
    where workspace_id = ${workspaceId} and object = ${object}`.execute(db);
  return new Set(rows.map((r) => pairKey(r.left_id, r.right_id)));
}

async function autoMerge(
  db: Db,
  actor: Actor,
  object: DedupeObject,
  clusters: readonly FoundCluster[],
  clusterIds: readonly string[],
  onProgress: (done: number, total: number) => Promise<void>,
): Promise<number> {
  const def = objectDef(object);
  const chosen = clusters.map((c, k) => ({ c, id: clusterIds[k] })).filter(({ c }) => c.automatic);
  let merged = 0;
  for (const [k, { c, id }] of chosen.entries()) {
    const records = (await db
      .selectFrom(def.key)
      .selectAll()
      .where("workspace_id", "=", actor.workspaceId)
      .where("id", "in", c.recordIds)
      .execute()) as Row[];
    if (records.length < 2) continue;
    const survivor = defaultSurvivor(def, records);
    try {
      await mergeRecords(
        db,
        actor,
        object,
        {
          survivor_id: survivor.id,
          merged_ids: records.filter((r) => r.id !== survivor.id).map((r) => r.id),
        },
        { clusterId: id, automatic: true },
      );
      merged++;
    } catch (error) {
      // A record changed or went while the run worked: the cluster stays in the review queue.
      if (!(error instanceof AppError)) throw error;
    }
    if ((k + 1) % 20 === 0) await onProgress(k + 1, chosen.length);
  }
  return merged;
}

/**
 * One deduplication run over an object of the workspace: load, match (the engine learns its
 * weights from these records), store the clusters for review (or the lead → account list),
 * merge the clusters above the auto-merge threshold when the workspace turned that on.
 * `runId` null is a dry run: nothing is written.
 */
export async function executeRun(
  db: Db,
  actor: Actor,
  object: RunObject,
  runId: string | null,
  onProgress?: (progress: RunProgress) => void,
): Promise<RunSummary> {
  const started = performance.now();
  const report = async (stage: string, done: number, total: number) => {
    onProgress?.({ stage, done, total });
    await setProgress(db, actor, runId, { stage, rows_done: done, rows_total: total });
  };
  const settings = await getDedupeSettings(db, actor.workspaceId);
  const summary: RunSummary = {
    run_id: runId,
    object,
    dry_run: runId === null,
    rows: 0,
    comparisons: 0,
    pairs: 0,
    clusters: 0,
    auto_merged: 0,
    queued: 0,
    rejected_pairs: 0,
    seconds: 0,
    stages: {},
    warning: null,
  };
  await report("loading", 0, 0);
  if (object === "leads") {
    const { leads, accounts } = await loadLeadsAndAccounts(db, actor.workspaceId);
    const matches = matchLeadsToAccounts(leads, accounts);
    Object.assign(summary, { rows: leads.length, comparisons: leads.length, pairs: matches.length });
    if (runId)
      await db.transaction().execute((tx) => storeLeadMatches(tx, actor.workspaceId, runId, matches));
  } else {
    const loaded = await loadRecords(db, actor.workspaceId, object);
    const rows = loaded.table.columns[0].length;
    await report("matching", 0, rows);
    // The matching is CPU work of seconds: in a worker thread, so the server keeps answering.
    // Its progress reaches the run record (what the API and the web page poll) at most once a second.
    const match = rows >= WORKER_MIN_ROWS ? findDuplicatesInWorker : findDuplicates;
    let saved = 0;
    let saving: Promise<void> = Promise.resolve();
    const found = await match(
      loaded,
      settings,
      await notDuplicates(db, actor.workspaceId, object),
      (stage, done, total) => {
        onProgress?.({ stage, done, total });
        if (Date.now() - saved < PROGRESS_EVERY_MS) return;
        saved = Date.now();
        saving = saving
          .then(() => setProgress(db, actor, runId, { stage, rows_done: done, rows_total: total }))
          .catch(() => {});
      },
    );
    await saving;
    Object.assign(summary, {
      rows,
      comparisons: found.comparisons,
      pairs: found.clusters.reduce((n, c) => n + c.pairs.length, 0),
      clusters: found.clusters.length,
      rejected_pairs: found.rejectedPairs,
      stages: found.stages,
      warning:
        found.untrustedFields.length > 0
          ? `no duplicates proposed: in the model learnt from these records, matches seldom agree on ${found.untrustedFields.join(", ")}, so it learnt no real duplicates (there may be none)`
          : null,
    });
    await report("storing", rows, rows);
    if (runId) {
      const ids = await db
        .transaction()
        .execute((tx) => storeClusters(tx, actor.workspaceId, runId, object, found.clusters));
      if (settings.auto_merge) {
        summary.auto_merged = await autoMerge(db, actor, object, found.clusters, ids, (done, total) =>
          report("merging", done, total),
        );
      }
    } else if (settings.auto_merge) {
      summary.auto_merged = found.clusters.filter((c) => c.automatic).length;
    }
    summary.queued = summary.clusters - summary.auto_merged;
  }
  summary.seconds = Math.round(performance.now() - started) / 1000;
  return summary;
}

async function assertNoRunInProgress(db: Db, actor: Actor, object: string): Promise<void> {
  await sql`update dedupe_runs set status = 'failed', error = 'interrupted: the process running it stopped', finished_at = now()
    where workspace_id = ${actor.workspaceId} and status = 'running'
      and created_at < now() - make_interval(mins => ${STALE_MINUTES})`.execute(db);
  const { rows } = await sql<{ id: string }>`select id from dedupe_runs
    where workspace_id = ${actor.workspaceId} and object = ${object} and status = 'running' limit 1`.execute(
    db,
  );
  if (rows[0])
    throw new AppError("duplicate", `object: a run of ${object} is already in progress (${rows[0].id})`, {
      field: "object",
      extra: { run_id: rows[0].id },
    });
}

/**
 * Starts a run: stores it as `running` and returns it at once with the promise of its
 * completion (the API answers 202 and the client polls the run; the CLI awaits it). The run
 * records its stage and counts as it goes, then `done` or `failed` with the error.
 */
export async function startDedupeRun(
  db: Db,
  actor: Actor,
  input: unknown,
  onProgress?: (progress: RunProgress) => void,
): Promise<{ runId: string; finished: Promise<RunSummary> }> {
  const { object } = validate(runInputSchema, input) as { object: RunObject };
  await assertNoRunInProgress(db, actor, object);
  const runId = newId("ddr");
  const settings = await getDedupeSettings(db, actor.workspaceId);
  await sql`insert into dedupe_runs (workspace_id, id, object, settings, started_by)
    values (${actor.workspaceId}, ${runId}, ${object}, ${JSON.stringify(settings)}::jsonb, ${actor.id})`.execute(
    db,
  );
  const finished = executeRun(db, actor, object, runId, onProgress).then(
    async (summary) => {
      await setProgress(db, actor, runId, {
        status: "done",
        stage: "done",
        comparisons: summary.comparisons,
        pairs: summary.pairs,
        clusters: summary.clusters,
        auto_merged: summary.auto_merged,
        queued: summary.queued,
        stats: JSON.stringify({
          seconds: summary.seconds,
          stages: summary.stages,
          rejected_pairs: summary.rejected_pairs,
          warning: summary.warning,
        }),
        finished_at: sql`now()`,
      });
      return summary;
    },
    async (error: unknown) => {
      await setProgress(db, actor, runId, {
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        finished_at: sql`now()`,
      });
      throw error;
    },
  );
  return { runId, finished };
}
