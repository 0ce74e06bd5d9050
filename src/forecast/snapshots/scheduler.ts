import type { Db } from "../../db/types.ts";
import { snapshotIfDue } from "./take-snapshots.ts";

export interface SnapshotScheduler {
  /** One pass over every workspace now (what each timer tick runs); resolves to the workspaces snapshotted. */
  runOnce(): Promise<string[]>;
  stop(): void;
}

/**
 * The in-process schedule of forecast snapshots: every `checkEveryMs` (default an hour, and once
 * shortly after start) each workspace gets its snapshot if none was taken this week. Taking one
 * is idempotent per week, so restarts and several servers on one database do not add more; a
 * failing workspace is reported and skipped.
 */
export function startSnapshotScheduler(
  db: Db,
  options: { checkEveryMs?: number; firstAfterMs?: number; log?: (line: string) => void } = {},
): SnapshotScheduler {
  const log = options.log ?? ((line: string) => console.error(line));
  let running: Promise<string[]> | undefined;
  const runOnce = () => {
    running ??= (async () => {
      const taken: string[] = [];
      try {
        const workspaces = await db.selectFrom("workspaces").select("id").execute();
        for (const { id } of workspaces) {
          try {
            if (await snapshotIfDue(db, id)) taken.push(id);
          } catch (error) {
            log(`forecast snapshot of workspace ${id} failed: ${(error as Error).message}`);
          }
        }
      } finally {
        running = undefined;
      }
      return taken;
    })();
    return running;
  };
  const first = setTimeout(() => void runOnce(), options.firstAfterMs ?? 60_000);
  const timer = setInterval(() => void runOnce(), options.checkEveryMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
