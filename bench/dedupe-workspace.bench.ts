// In-workspace deduplication on the demo company: a whole run (read contacts from the
// database, match, store the review queue) against the engine alone on the same records in
// memory (the baseline: the same read and the engine, measured in the same run), then merges
// and undos of the clusters. The run matches in a worker thread (its start-up, ~0.4 s, and a
// cold engine are in the ratio); run_longest_stall_ms is the longest the event loop did not
// turn meanwhile (with the engine on this thread it was the whole matching).
// DEDUPE_WORKSPACE_ACCOUNTS (default 3000, about 9,700 contacts) sets the size.
import { sql } from "kysely";
import { connect } from "../src/db/connect.ts";
import { migrate } from "../src/db/migrate.ts";
import { loadDemo } from "../src/demo/index.ts";
import {
  DEFAULT_DEDUPE_SETTINGS,
  executeRun,
  listClusters,
  loadRecords,
  mergeCluster,
} from "../src/quality/dedupe/index.ts";
import { dedupeRecords } from "../src/quality/matching/index.ts";
import { undoMerge } from "../src/quality/merge/index.ts";
import { systemActor } from "../src/records/actor.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

export default async function (): Promise<Record<string, unknown>> {
  const accounts = Number(process.env.DEDUPE_WORKSPACE_ACCOUNTS ?? 3000);
  const database = await connect({});
  try {
    await migrate(database.db);
    const workspace = await createWorkspace(database.db, { name: "Bench", slug: "bench" });
    const actor = systemActor(workspace.id);
    await loadDemo(database.db, workspace.id, { accounts, seed: 1 });

    const options = {
      idColumn: "id",
      threshold: DEFAULT_DEDUPE_SETTINGS.review_threshold,
      scope: "compared" as const,
    };
    // Warm the engine up (JIT) on a slice, so neither side of the ratio pays for it.
    const sample = await loadRecords(database.db, workspace.id, "contacts");
    const slice = { ...sample.table, columns: sample.table.columns.map((c) => c.slice(0, 2000)) };
    dedupeRecords(slice, { ...options, fields: sample.fields });

    let t = performance.now();
    const loaded = await loadRecords(database.db, workspace.id, "contacts");
    const engine = dedupeRecords(loaded.table, { ...options, fields: loaded.fields });
    const engineSeconds = seconds(t);
    const rows = loaded.table.columns[0].length;

    t = performance.now();
    const { rows: runRows } = await sql<{ id: string }>`insert into dedupe_runs (workspace_id, id, object)
      values (${workspace.id}, 'ddr_bench', 'contacts') returning id`.execute(database.db);
    // The longest the event loop went without turning while the run was in progress (the
    // matching happens in a worker thread: what is left is database work and cloning).
    let lastTick = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - lastTick);
      lastTick = now;
    }, 5);
    const run = await executeRun(database.db, actor, "contacts", runRows[0].id);
    clearInterval(ticker);
    const runSeconds = seconds(t);
    const stallMs = Math.round(Math.max(longestStall, performance.now() - lastTick));

    const queue = await listClusters(database.db, actor, { object: "contacts", limit: 20 });
    t = performance.now();
    const merged: string[] = [];
    for (const c of queue.data) {
      const result = await mergeCluster(database.db, actor, c.id, { survivor_id: c.records[0].id });
      merged.push(result.merge_id);
    }
    const mergeMs = merged.length ? Math.round((1000 * seconds(t)) / merged.length) : null;
    t = performance.now();
    for (const id of merged.reverse()) await undoMerge(database.db, actor, id);
    const undoMs = merged.length ? Math.round((1000 * seconds(t)) / merged.length) : null;

    const summary = {
      contacts: rows,
      engine_pairs: engine.pairs.length,
      clusters: run.clusters,
      engine_seconds: engineSeconds,
      engine_stages: engine.stats.stages,
      run_stages: run.stages,
      run_seconds: runSeconds,
      run_vs_engine: Math.round((100 * runSeconds) / engineSeconds) / 100,
      run_seconds_per_10k: Math.round((runSeconds * 10_000 * 100) / rows) / 100,
      run_longest_stall_ms: stallMs,
      merge_ms: mergeMs,
      undo_ms: undoMs,
      warning: run.warning,
    };
    console.log(
      `${rows} contacts: engine alone ${engineSeconds} s, whole run ${runSeconds} s (×${summary.run_vs_engine}; ${summary.run_seconds_per_10k} s per 10k contacts; event loop stalled ≤ ${stallMs} ms), ${run.clusters} clusters; merge ${mergeMs} ms, undo ${undoMs} ms each (PGlite)`,
    );
    return summary;
  } finally {
    await database.close();
  }
}
