import { sql } from "kysely";
import type { Db } from "./types.ts";

/**
 * Refreshes the planner's statistics (ANALYZE) for the given tables, or every table of the
 * current schema.
 *
 * PostgreSQL's autovacuum does this in the background; the embedded PGlite has no autovacuum,
 * so without it a table loaded in bulk keeps "no rows" statistics and the planner sorts whole
 * tables where an index would read one page. Called after bulk loads (demo, imports), at server
 * start and hourly on the embedded database. ANALYZE samples a bounded number of rows per table,
 * so it takes seconds even on millions of rows.
 */
export async function refreshStatistics(db: Db, tables?: readonly string[]): Promise<void> {
  const names = tables ?? (await schemaTables(db));
  if (names.length === 0) return;
  await sql`analyze ${sql.join(names.map((t) => sql.table(t)))}`.execute(db);
}

/** The tables of the current schema only: a shared server may hold many other schemas. */
async function schemaTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema()`.execute(db);
  return rows.map((r) => r.name);
}

/** Tables whose statistics were never gathered (`reltuples` is -1 until the first ANALYZE). */
export async function tablesNeverAnalysed(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema() and c.reltuples < 0`.execute(db);
  return rows.map((r) => r.name);
}
