import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";

/**
 * Runs one analytic query with settings that suit it: no JIT (PostgreSQL would spend more
 * compiling these CTE-heavy plans than running them) and enough memory to sort and hash in
 * memory. Both are local to the transaction (`set_config(…, true)`).
 */
/** The settings of runAnalytic, for a transaction the caller holds. */
export async function analyticSettings(tx: Db): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
}

export async function runAnalytic<R>(db: Db, query: RawBuilder<R>): Promise<R[]> {
  return db.transaction().execute(async (tx) => {
    await analyticSettings(tx);
    return (await query.execute(tx)).rows;
  });
}
