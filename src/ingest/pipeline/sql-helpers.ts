import { type RawBuilder, sql } from "kysely";
import { copyIn, copyText } from "../../db/copy-in.ts";
import type { DbOrTx } from "../../db/types.ts";

/** A text[] parameter both engines accept: a PostgreSQL array literal, so `= any(…)` uses the index. */
export function textArray(values: Iterable<string>): RawBuilder<unknown> {
  const items: string[] = [];
  for (const v of values) items.push(`"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
  return sql`${`{${items.join(",")}}`}::text[]`;
}

export interface ColumnInfo {
  name: string;
  /** SQL type, e.g. `timestamp(3) with time zone`. */
  type: string;
  /** Expression used for a missing value of a NOT NULL column with a default. */
  fallback: string | null;
}

const columnCache = new Map<string, Map<string, ColumnInfo>>();

/** Columns of a table and the defaults that stand in for values a set-based insert leaves null. */
export async function tableColumns(db: DbOrTx, table: string): Promise<Map<string, ColumnInfo>> {
  const cached = columnCache.get(table);
  if (cached) return cached;
  const { rows } = await sql<{ name: string; type: string; not_null: boolean; fallback: string | null }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
      pg_get_expr(d.adbin, d.adrelid) as fallback
    from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped`.execute(db);
  const columns = new Map<string, ColumnInfo>();
  for (const r of rows)
    columns.set(r.name, {
      name: r.name,
      type: r.type,
      fallback: r.not_null && r.fallback ? r.fallback : null,
    });
  columnCache.set(table, columns);
  return columns;
}

/** Converts rows for a JSON parameter: Dates as ISO strings, undefined as absent. */
export const toJson = (rows: unknown[]): string => JSON.stringify(rows);

const UNIQUE_VIOLATION = "23505";

/** The columns COPY must be given as JSON text. */
const jsonColumns = (info: Map<string, ColumnInfo>, columns: string[]) =>
  new Set(columns.filter((c) => /^jsonb?$/.test(info.get(c)!.type)));

/** From this many rows on, rows travel by COPY into a staging table rather than as one JSON parameter. */
const COPY_FROM_ROWS = 100;

/**
 * The rows' `columns` as a relation `x`: COPYed into a temporary staging table shaped like
 * `table` (typed by it, dropped at commit) when there are many, else `json_to_recordset` —
 * several times cheaper to parse than `json_populate_recordset` on PGlite, and COPY cheaper
 * still (no JSON parsing, no statement built per batch).
 */
async function relation(
  tx: DbOrTx,
  table: string,
  info: Map<string, ColumnInfo>,
  columns: string[],
  rows: Array<Record<string, unknown>>,
) {
  if (rows.length < COPY_FROM_ROWS) {
    const definition = sql.join(columns.map((c) => sql`${sql.ref(c)} ${sql.raw(info.get(c)!.type)}`));
    return { from: sql`json_to_recordset(${toJson(rows)}::json) as x(${definition})`, done: async () => {} };
  }
  const staging = `staging_${table}`;
  await sql`create temp table if not exists ${sql.table(staging)} on commit drop
    as select * from ${sql.table(table)} with no data`.execute(tx);
  const json = jsonColumns(info, columns);
  await copyIn(tx, { table: staging, columns, data: copyText(rows, columns, json) });
  return {
    from: sql`${sql.table(staging)} as x`,
    done: async () => {
      await sql`truncate ${sql.table(staging)}`.execute(tx);
    },
  };
}

/**
 * Inserts rows set-based; a column some rows leave empty takes its default. Rows whose key
 * already exists are skipped (`onConflictSkip`); the ids actually inserted are returned.
 *
 * Many rows whose NOT NULL columns are all filled go straight into the table by COPY — no
 * staging table, no INSERT … SELECT. COPY has no ON CONFLICT, so with `onConflictSkip` it runs
 * in a savepoint: the batch writer looked its keys up first (locked), and only a key another
 * writer inserted meanwhile makes it fail, rolled back to go the INSERT … ON CONFLICT way.
 */
export async function insertJsonRows(
  tx: DbOrTx,
  table: string,
  workspaceId: string,
  rows: Array<Record<string, unknown>>,
  onConflictSkip: boolean,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const info = await tableColumns(tx, table);
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (info.has(key)) names.add(key);
  names.delete("workspace_id");
  const list = [...names];
  if (rows.length >= COPY_FROM_ROWS && defaultsFilled(info, list, rows)) {
    const json = jsonColumns(info, list);
    const data = copyText(rows, list, json, workspaceId);
    if (!onConflictSkip) {
      await copyIn(tx, { table, columns: ["workspace_id", ...list], data });
      return rows.map((r) => r.id as string);
    }
    await sql`savepoint copy_rows`.execute(tx);
    try {
      await copyIn(tx, { table, columns: ["workspace_id", ...list], data });
      await sql`release savepoint copy_rows`.execute(tx);
      return rows.map((r) => r.id as string);
    } catch (error) {
      await sql`rollback to savepoint copy_rows`.execute(tx);
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
  }
  const select = list.map((c) => {
    const fallback = info.get(c)?.fallback;
    return fallback ? sql`coalesce(x.${sql.ref(c)}, ${sql.raw(fallback)})` : sql`x.${sql.ref(c)}`;
  });
  const conflict = onConflictSkip ? sql`on conflict do nothing` : sql``;
  const x = await relation(tx, table, info, list, rows);
  const result = await sql<{
    id: string;
  }>`insert into ${sql.table(table)} (workspace_id, ${sql.join(list.map((c) => sql.ref(c)))})
    select ${workspaceId}, ${sql.join(select)} from ${x.from}
    ${conflict} returning id`.execute(tx);
  await x.done();
  return result.rows.map((r) => r.id);
}

/** Every row has an id and a value for each listed NOT NULL column with a default (unlisted ones take it). */
function defaultsFilled(info: Map<string, ColumnInfo>, list: string[], rows: Array<Record<string, unknown>>) {
  const listed = new Set(list);
  const needed: string[] = [];
  for (const c of info.values()) {
    if (c.fallback === null || c.name === "workspace_id") continue;
    // A NOT NULL column left out of the COPY takes its default; one in it must be filled.
    if (listed.has(c.name)) needed.push(c.name);
  }
  if (!listed.has("id")) return false;
  for (const row of rows) {
    if (typeof row.id !== "string") return false;
    for (const c of needed) if (row[c] === null || row[c] === undefined) return false;
  }
  return true;
}

/** Sets `columns` of the rows with the given ids to the rows' values, set-based. */
export async function updateJsonRows(
  tx: DbOrTx,
  table: string,
  workspaceId: string,
  columns: string[],
  rows: Array<Record<string, unknown>>,
  bumpVersion: boolean,
): Promise<void> {
  if (rows.length === 0) return;
  const info = await tableColumns(tx, table);
  const assignments = columns.map((c) => sql`${sql.ref(c)} = x.${sql.ref(c)}`);
  if (bumpVersion) assignments.push(sql`version = t.version + 1`);
  const x = await relation(tx, table, info, ["id", ...columns], rows);
  await sql`update ${sql.table(table)} as t set ${sql.join(assignments)}
    from ${x.from}
    where t.workspace_id = ${workspaceId} and t.id = x.id`.execute(tx);
  await x.done();
}

/** How a batch transaction may write: what the connection allows and what the engine needs. */
export interface WriteMode {
  /** Foreign-key triggers are off for the transaction (the writer checks references itself). */
  referenceTriggersSkipped: boolean;
  /**
   * PGlite: one connection, so no other transaction can delete a referenced record or insert
   * a key meanwhile, and the row locks (FOR KEY SHARE / FOR UPDATE) that guard against that on
   * a server would only cost writes.
   */
  singleConnection: boolean;
}

/**
 * Skips foreign-key triggers for the rest of the transaction when the connection may (a
 * superuser; always so on PGlite, where those per-row checks cost more than the insert). Safe
 * here because the writer looked every reference up itself and locked it (FOR KEY SHARE) and
 * writes only into the caller's workspace.
 */
export async function skipReferenceTriggers(tx: DbOrTx): Promise<WriteMode> {
  const { rows } = await sql<{
    superuser: string;
    embedded: boolean;
  }>`select current_setting('is_superuser') as superuser, version() like '%PGlite%' as embedded`.execute(tx);
  const singleConnection = rows[0]?.embedded === true;
  if (rows[0]?.superuser !== "on") return { referenceTriggersSkipped: false, singleConnection };
  await sql`set local session_replication_role = replica`.execute(tx);
  return { referenceTriggersSkipped: true, singleConnection };
}
