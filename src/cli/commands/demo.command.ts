import type { Command } from "commander";
import type { DemoSummary } from "../../demo/index.ts";
import { callServer, localOrServer } from "../local-or-server.ts";
import { progressBar } from "../progress.ts";

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("Load the deterministic demo company into the default workspace (refused if it has data)")
    .option("--accounts <n>", "number of accounts (default 300; 100000 for benchmarks)", "300")
    .option("--seed <n>", "random seed (same seed and --now, same company)", "42")
    .option("--now <date>", "the day the story ends, YYYY-MM-DD (default today)")
    .action(async (options: { accounts: string; seed: string; now?: string }) => {
      const accounts = positiveInt("--accounts", options.accounts);
      const seed = positiveInt("--seed", options.seed);
      const now = options.now === undefined ? undefined : new Date(options.now);
      if (now && Number.isNaN(now.getTime()))
        throw new Error(`--now: must be a date (YYYY-MM-DD), got "${options.now}"`);
      const summary = await localOrServer<DemoSummary>({
        local: async (opened) => {
          const { loadDemo } = await import("../../demo/index.ts");
          const bar = progressBar("Generating demo data");
          try {
            return await loadDemo(opened.database.db, opened.workspace.id, { accounts, seed, now }, (p) =>
              bar.update(p.rows, p.totalRows, p.table),
            );
          } finally {
            bar.stop();
          }
        },
        server: (lock) =>
          callServer<DemoSummary>(lock, "POST", "/api/demo", { accounts, seed, now: options.now }),
      });
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      for (const [table, n] of Object.entries(summary.rows))
        console.log(`${table.padEnd(28)} ${n.toLocaleString()}`);
      console.log(`Loaded ${total.toLocaleString()} rows in ${summary.seconds.toFixed(1)} s`);
    });
}
