import { sql } from "kysely";
import type { DbOrTx, Tx } from "../db/types.ts";
import type { Row } from "./rows.ts";

/** Rows per statement: one JSON parameter of a few megabytes. */
export const BATCH_ROWS = 4000;

function columnsOf(rows: Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  columns.delete("workspace_id");
  return [...columns];
}

/**
 * Inserts rows set-based: one statement per batch reads the rows from a single JSON parameter
 * with `json_populate_recordset` (cheaper to parse than jsonb), which PGlite and PostgreSQL
 * both run. Columns no row mentions keep their defaults; every row lands in `workspaceId`.
 */
export async function insertRows(db: DbOrTx, workspaceId: string, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    const columns = sql.join(columnsOf(batch).map((c) => sql.ref(c)));
    await sql`insert into ${sql.table(table)} (workspace_id, ${columns})
      select ${workspaceId}, ${columns}
      from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch)}::json)`.execute(db);
  }
}

/**
 * Skips the foreign-key triggers for the rest of the transaction when the connection may
 * (a superuser: always so on PGlite, where those checks cost more than the insert itself).
 * Only for rows whose references were already checked (see references.ts). This also skips
 * any other trigger, so a migration that adds triggers must revisit the demo loader.
 */
export async function skipReferenceTriggers(tx: Tx): Promise<boolean> {
  const result = await sql<{
    superuser: string;
  }>`select current_setting('is_superuser') as superuser`.execute(tx);
  if (result.rows[0].superuser !== "on") return false;
  await sql`set local session_replication_role = replica`.execute(tx);
  return true;
}
