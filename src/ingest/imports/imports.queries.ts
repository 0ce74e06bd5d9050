import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";
import { notFound } from "../../errors/app-error.ts";
import { newId } from "../../model/ids.ts";
import type { Row } from "../../records/index.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { FileEncoding } from "../pipeline/text-encoding.ts";
import type { DateOrder } from "../presets/values.ts";

export interface ImportRow {
  workspace_id: string;
  id: string;
  preset: string;
  source: string;
  format: "csv" | "jsonl";
  file_name: string;
  file_path: string;
  file_sha256: string;
  file_size: number;
  options: {
    mapping?: unknown;
    object?: string;
    source?: string;
    delimiter?: string;
    /** Missing on imports recorded before encodings were told apart: UTF-8. */
    encoding?: FileEncoding;
    /** Missing on imports recorded before date orders: month first. */
    dateOrder?: DateOrder;
    dataStart?: number;
    /** Who started the import: its batches are journalled as them. */
    actor?: { type: "user" | "api_key" | "system"; id: string | null; role: string };
  };
  columns: string[] | null;
  status: "queued" | "running" | "completed" | "failed" | "canceled";
  rows_done: number;
  bytes_done: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deferred: number;
  resolved: number;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface NewImport {
  preset: string;
  source: string;
  format: "csv" | "jsonl";
  fileName: string;
  filePath: string;
  sha256: string;
  size: number;
  options: ImportRow["options"];
  columns: string[] | null;
  createdBy: string | null;
}

/** Records an import and queues its job, in one transaction. */
export async function createImport(
  db: DbOrTx,
  workspaceId: string,
  input: NewImport,
  id = newId("imp"),
): Promise<{ importRow: ImportRow; jobId: number }> {
  const { rows } =
    await sql<ImportRow>`insert into imports (workspace_id, id, preset, source, format, file_name,
      file_path, file_sha256, file_size, options, columns, created_by)
    values (${workspaceId}, ${id}, ${input.preset}, ${input.source}, ${input.format}, ${input.fileName},
      ${input.filePath}, ${input.sha256}, ${input.size}, ${JSON.stringify(input.options)}::jsonb,
      ${input.columns ? JSON.stringify(input.columns) : null}::jsonb, ${input.createdBy})
    returning *`.execute(db);
  const jobId = await enqueueJob(db, workspaceId, "import", { import_id: id });
  return { importRow: rows[0], jobId };
}

export async function findImport(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<ImportRow | undefined> {
  const { rows } =
    await sql<ImportRow>`select * from imports where workspace_id = ${workspaceId} and id = ${id}`.execute(
      db,
    );
  return rows[0];
}

export async function getImport(db: DbOrTx, workspaceId: string, id: string): Promise<ImportRow> {
  const row = await findImport(db, workspaceId, id);
  if (!row) throw notFound("import", id);
  return row;
}

export async function listImports(db: DbOrTx, workspaceId: string, limit = 50): Promise<ImportRow[]> {
  const { rows } = await sql<ImportRow>`select * from imports where workspace_id = ${workspaceId}
    order by created_at desc, id desc limit ${limit}`.execute(db);
  return rows;
}

/** The job that runs an import. */
export async function importJobId(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
): Promise<number | undefined> {
  const { rows } = await sql<{ id: number }>`select id from jobs where workspace_id = ${workspaceId}
    and kind = 'import' and payload->>'import_id' = ${importId} order by id desc limit 1`.execute(db);
  return rows[0]?.id;
}

export async function setImportStatus(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  status: ImportRow["status"],
  error: string | null = null,
): Promise<void> {
  await sql`update imports set status = ${status}, error = ${error}, updated_at = now(),
      started_at = case when ${status}::text = 'running' then coalesce(started_at, now()) else started_at end,
      finished_at = case when ${status}::text in ('completed', 'failed', 'canceled') then now() else null end
    where workspace_id = ${workspaceId} and id = ${id}`.execute(db);
}

/** The summary an import reports: its counts, progress and state. */
export function importSummary(row: ImportRow): Row {
  return {
    id: row.id,
    preset: row.preset,
    source: row.source,
    status: row.status,
    file_name: row.file_name,
    file_size: Number(row.file_size),
    // How the file is read (see docs/imports.md): a CSV's encoding and delimiter, the date order.
    ...(row.format === "csv"
      ? { encoding: row.options.encoding ?? "utf-8", delimiter: row.options.delimiter ?? "," }
      : {}),
    date_order: row.options.dateOrder ?? "mdy",
    rows: Number(row.rows_done),
    bytes_done: Number(row.bytes_done),
    progress: row.file_size > 0 ? Math.min(1, Number(row.bytes_done) / Number(row.file_size)) : 1,
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    rejected: Number(row.rejected),
    deferred: Number(row.deferred),
    resolved: Number(row.resolved),
    error: row.error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}
