import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { type Actor, type ListQuery, listRecords, MAX_PAGE, type Row } from "../../records/index.ts";
import { exportColumns } from "../presets/generic.preset.ts";
import { addStageDates } from "./stage-dates.ts";

export type ExportFormat = "csv" | "jsonl";

export function exportFormat(raw: unknown): ExportFormat {
  const format = raw ?? "csv";
  if (format !== "csv" && format !== "jsonl")
    throw new AppError("bad_request", "format: must be csv or jsonl", { field: "format" });
  return format;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Every record of an object matching the list filters, as CSV (columns named as the fields,
 * money in minor units: what the generic preset imports) or JSON lines, page by page through
 * the list's keyset pagination, so memory stays flat whatever the size. Contacts and accounts
 * carry `became_<stage>_at` too: their lifecycle history, which the generic preset reads back.
 */
export async function* exportRecords(
  db: Db,
  actor: Actor,
  def: ObjectDef,
  format: ExportFormat,
  query: Omit<ListQuery, "limit" | "cursor" | "includeTotal"> = {},
): AsyncGenerator<string> {
  const columns = exportColumns(def.key);
  const workspaceId = actor.workspaceId;
  if (format === "csv") yield stringify([columns]);
  let cursor: string | undefined;
  do {
    const page = await listRecords(db, actor, def, { ...query, limit: MAX_PAGE, cursor });
    await addStageDates(db, workspaceId, def.key, page.data);
    if (format === "csv") yield stringify(page.data.map((row: Row) => columns.map((c) => cell(row[c]))));
    else yield page.data.map((row) => `${JSON.stringify(row)}\n`).join("");
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
