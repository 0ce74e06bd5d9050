import { type Command, Option } from "commander";
import type { RunProgress, RunSummary } from "../../quality/dedupe/index.ts";
import { callServer, localOrServer } from "../local-or-server.ts";
import { progressBar } from "../progress.ts";

interface DedupeFlags {
  object: "contacts" | "accounts" | "leads";
  dryRun?: boolean;
  json?: boolean;
}

interface ServerRun {
  id: string;
  status: "running" | "done" | "failed";
  stage: string;
  rows_total: number;
  rows_done: number;
  comparisons: number;
  pairs: number;
  clusters: number;
  auto_merged: number;
  queued: number;
  stats: { seconds?: number; warning?: string | null; rejected_pairs?: number };
  error: string | null;
}

type Bar = ReturnType<typeof progressBar> | null;

/** Follows a run the server is doing, updating the bar, until it ends. */
async function followServerRun(
  lock: Parameters<typeof callServer>[0],
  dryRun: boolean,
  object: string,
  bar: Bar,
) {
  if (dryRun) return callServer<RunSummary>(lock, "POST", "/api/dedupe/runs", { object, dry_run: true });
  let run = await callServer<ServerRun>(lock, "POST", "/api/dedupe/runs", { object });
  while (run.status === "running") {
    bar?.update(run.rows_done, Math.max(run.rows_total, 1), run.stage);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await callServer<ServerRun>(lock, "GET", `/api/dedupe/runs/${run.id}`);
  }
  if (run.status === "failed") throw new Error(`dedupe run ${run.id} failed: ${run.error}`);
  return {
    run_id: run.id,
    object,
    dry_run: false,
    rows: run.rows_total,
    comparisons: run.comparisons,
    pairs: run.pairs,
    clusters: run.clusters,
    auto_merged: run.auto_merged,
    queued: run.queued,
    rejected_pairs: run.stats.rejected_pairs ?? 0,
    seconds: run.stats.seconds ?? 0,
    stages: {},
    warning: run.stats.warning ?? null,
  } as RunSummary;
}

function print(summary: RunSummary, json: boolean | undefined): void {
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  if (summary.object === "leads") {
    console.log(
      `${summary.rows} lead(s) without an account; ${summary.pairs} match an account by email domain`,
    );
  } else {
    console.log(
      `${summary.rows.toLocaleString("en")} ${summary.object} compared in ${summary.comparisons.toLocaleString("en")} pairs (${summary.seconds} s)`,
    );
    console.log(`clusters found:       ${summary.clusters}`);
    console.log(
      `auto-merged:          ${summary.auto_merged}${summary.dry_run && summary.auto_merged ? " (would be)" : ""}`,
    );
    console.log(`queued for review:    ${summary.queued}`);
    if (summary.rejected_pairs) console.log(`left out (not a duplicate): ${summary.rejected_pairs} pair(s)`);
  }
  if (summary.warning) console.log(`note: ${summary.warning}`);
  if (summary.dry_run) console.log("dry run: nothing was written");
  else if (summary.object !== "leads" && summary.queued > 0)
    console.log("review them at /duplicates in the web app, or GET /api/dedupe/clusters");
}

/** `revline dedupe --object contacts|accounts|leads [--dry-run] [--json]` on the default workspace. */
export function registerDedupe(program: Command): void {
  program
    .command("dedupe")
    .description(
      "Find duplicate contacts or accounts in the workspace (or match leads to accounts) for review",
    )
    .addOption(
      new Option("--object <object>", "what to deduplicate")
        .choices(["contacts", "accounts", "leads"])
        .makeOptionMandatory(),
    )
    .option("--dry-run", "find and count duplicates without storing or merging anything")
    .option("--json", "print the summary as one JSON line")
    .action(async (flags: DedupeFlags) => {
      const bar = process.stderr.isTTY && !flags.json ? progressBar(`Deduplicating ${flags.object}`) : null;
      const onProgress = (p: RunProgress) => bar?.update(p.done, Math.max(p.total, 1), p.stage);
      try {
        const summary = await localOrServer<RunSummary>({
          local: async (opened) => {
            const { executeRun, startDedupeRun } = await import("../../quality/dedupe/index.ts");
            const { systemActor } = await import("../../records/actor.ts");
            const actor = systemActor(opened.workspace.id);
            if (flags.dryRun) return executeRun(opened.database.db, actor, flags.object, null, onProgress);
            const { finished } = await startDedupeRun(
              opened.database.db,
              actor,
              { object: flags.object },
              onProgress,
            );
            return finished;
          },
          server: (lock) => followServerRun(lock, flags.dryRun === true, flags.object, bar),
        });
        bar?.stop();
        print(summary, flags.json);
      } catch (error) {
        bar?.stop();
        throw error;
      }
    });
}
