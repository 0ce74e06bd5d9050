import { refreshStatistics, tablesNeverAnalysed } from "../db/statistics.ts";
import type { Database } from "../db/types.ts";

const HOURLY = 60 * 60 * 1000;

/**
 * The embedded database has no autovacuum: gather planner statistics for tables that never had
 * any once the server is up, then refresh all of them hourly. PostgreSQL does this itself.
 * Returns a function that stops the timer.
 */
export function keepStatisticsFresh(database: Database, log: (line: string) => void): () => void {
  if (database.kind !== "pglite") return () => undefined;
  const run = async (all: boolean) => {
    try {
      const tables = all ? undefined : await tablesNeverAnalysed(database.db);
      await refreshStatistics(database.db, tables);
    } catch (error) {
      log(`Refreshing planner statistics failed: ${(error as Error).message}`);
    }
  };
  const first = setTimeout(() => void run(false), 1000);
  const hourly = setInterval(() => void run(true), HOURLY);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
