import { sql } from "kysely";
import type { Tx } from "../../db/types.ts";
import type { Row } from "../../records/index.ts";

/**
 * Writes stored rows back exactly as they were, every column, types restored by PostgreSQL
 * itself (`jsonb_populate_record` over the table's row type): what undo needs, and what the
 * generic write path cannot do (it mints ids and stamps provenance).
 */
export async function insertExactRow(tx: Tx, table: string, row: Row): Promise<Row> {
  const { rows } = await sql<Row>`insert into ${sql.table(table)}
    select * from jsonb_populate_record(null::${sql.table(table)}, ${JSON.stringify(row)}::jsonb)
    returning *`.execute(tx);
  return rows[0];
}

/** Sets every column of a row back to `row`'s values, except `overrides`, which win. */
export async function restoreExactRow(
  tx: Tx,
  table: string,
  row: Row,
  overrides: Record<string, unknown> = {},
) {
  const columns = Object.keys(row).filter((c) => c !== "workspace_id" && c !== "id" && !(c in overrides));
  const assignments = [
    ...columns.map((c) => sql`${sql.id(c)} = r.${sql.id(c)}`),
    ...Object.entries(overrides).map(([c, v]) => sql`${sql.id(c)} = ${v}`),
  ];
  const { rows } = await sql<Row>`update ${sql.table(table)} as t set ${sql.join(assignments)}
    from jsonb_populate_record(null::${sql.table(table)}, ${JSON.stringify(row)}::jsonb) as r
    where t.workspace_id = r.workspace_id and t.id = r.id
    returning t.*`.execute(tx);
  return rows[0];
}
