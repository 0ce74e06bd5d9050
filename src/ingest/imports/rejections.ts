import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";
import type { ImportRow } from "./imports.queries.ts";

export interface RejectionRow {
  row_number: number;
  field: string | null;
  column_name: string | null;
  reason: string;
  details: Array<{ field?: string; column?: string; message: string }>;
  raw: Record<string, unknown>;
}

export async function listRejections(
  db: DbOrTx,
  workspaceId: string,
  importId: string,
  options: { after?: number; limit?: number } = {},
): Promise<RejectionRow[]> {
  const { rows } = await sql<RejectionRow>`select row_number, field, column_name, reason, details, raw
    from import_rejections where workspace_id = ${workspaceId} and import_id = ${importId}
      and row_number > ${options.after ?? 0}
    order by row_number limit ${options.limit ?? 100}`.execute(db);
  return rows.map((r) => ({ ...r, row_number: Number(r.row_number) }));
}

/** The extra columns of rejected.csv; presets ignore them, so the fixed file imports as is. */
export const REJECTION_COLUMNS = ["revline_row", "revline_field", "revline_reason"];

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rejected rows as CSV (UTF-8 with a byte-order mark), streamed page by page: the file's own
 * columns (so the fixed file re-imports with the same preset) then the row number, field and reason.
 */
export async function* rejectedCsv(db: DbOrTx, importRow: ImportRow): AsyncGenerator<string> {
  let columns = importRow.columns;
  let after = 0;
  let first = true;
  for (;;) {
    const page = await listRejections(db, importRow.workspace_id, importRow.id, { after, limit: 1000 });
    if (!columns) columns = [...new Set(page.flatMap((r) => Object.keys(r.raw)))];
    if (first) {
      // A UTF-8 byte-order mark: the file is for fixing in a spreadsheet, and Excel reads a CSV
      // without one as the system's code page ("MÃ¼ller"). The import skips it.
      yield `\ufeff${[...columns, ...REJECTION_COLUMNS].map(csvCell).join(",")}\r\n`;
      first = false;
    }
    if (page.length === 0) return;
    let out = "";
    for (const r of page) {
      const cells = (columns as string[]).map((c) => csvCell(r.raw[c]));
      cells.push(csvCell(r.row_number), csvCell(r.field), csvCell(r.reason));
      out += `${cells.join(",")}\r\n`;
    }
    yield out;
    after = page[page.length - 1].row_number;
  }
}
