import { createHash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { AppError } from "../../errors/app-error.ts";
import type { Preset } from "../ingest.types.ts";
import { type DateOrder, dateOrderHint } from "../presets/values.ts";
import { readCsvHeader } from "./read-csv.ts";
import { type FileFormat, type ReadPlan, readRows } from "./source-file.ts";
import type { FileEncoding } from "./text-encoding.ts";

// What an import learns of its file before the first row, and what it refuses: the checks,
// size, hash, header, encoding and date order (see docs/imports.md, "How an import runs").

export type { FileFormat };

export function formatOf(fileName: string, given?: string): FileFormat {
  if (given === "csv" || given === "jsonl") return given;
  return /\.(jsonl|ndjson|json)$/i.test(fileName) ? "jsonl" : "csv";
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export interface FileFacts {
  size: number;
  sha256: string;
  columns: string[] | null;
  dataStart: number;
  delimiter?: string;
  encoding?: FileEncoding;
  /** The date order the file's first rows show (dates only readable one way), or null. */
  dateOrder: DateOrder | null;
}

const fileProblem = (message: string) =>
  new AppError("validation_failed", `file: ${message}`, { field: "file" });

/**
 * The file's size and first 4 KB, read once for the checks before the first row; a missing
 * file, a folder or a spreadsheet workbook is refused saying so.
 */
function checkReadable(path: string): { size: number; head: Buffer } {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw fileProblem(code === "ENOENT" ? `${path} does not exist` : `${path} cannot be read (${code})`);
  }
  if (stat.isDirectory()) throw fileProblem(`${path} is a folder, not a file`);
  const buffer = Buffer.alloc(4096);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buffer.subarray(0, read);
  // .xlsx/.ods are ZIP archives, .xls an OLE compound file: a workbook, not text.
  const magic = read >= 4 ? head.readUInt32BE(0) : 0;
  if (magic === 0x504b0304 || magic === 0xd0cf11e0)
    throw fileProblem(
      "this is a spreadsheet workbook (Excel or similar), not CSV or JSON lines: save or export it as CSV (UTF-8) and import that",
    );
  return { size: stat.size, head };
}

/**
 * A JSON document that is not JSON lines — an array of objects, or one object over many lines —
 * would reject every line; it is refused up front, saying how to convert it.
 */
function checkJsonLines(head: Buffer): void {
  const firstLine = head
    .toString("utf8")
    .replace(/^\ufeff/, "")
    .trimStart()
    .split("\n")[0]
    .trim();
  if (firstLine.startsWith("["))
    throw fileProblem(
      "this is a JSON array, not JSON lines (one object per line): convert it with jq -c '.[]' FILE > FILE.jsonl, or export as CSV",
    );
  if (firstLine === "{")
    throw fileProblem(
      "this is JSON written over several lines, not JSON lines (one object per line): convert it with jq -c . FILE > FILE.jsonl",
    );
}

/** Size, hash, (CSV) header and date order of a file about to be imported. */
export async function inspectFile(path: string, format: FileFormat): Promise<FileFacts> {
  const { size, head } = checkReadable(path);
  const sha256 = await sha256File(path);
  if (format === "jsonl") {
    checkJsonLines(head);
    const read = { path, format, columns: null, start: 0, firstRow: 1 } as const;
    return { size, sha256, columns: null, dataStart: 0, dateOrder: await sampleDateOrder(read) };
  }
  const header = await readCsvHeader(path);
  if (header.columns.length === 0)
    throw new AppError("validation_failed", "file: the CSV file is empty", { field: "file" });
  const read = {
    path,
    format,
    columns: header.columns,
    delimiter: header.delimiter,
    encoding: header.encoding,
    start: header.dataStart,
    firstRow: 1,
  };
  return {
    size,
    sha256,
    columns: header.columns,
    dataStart: header.dataStart,
    delimiter: header.delimiter,
    encoding: header.encoding,
    dateOrder: await sampleDateOrder(read),
  };
}

const SAMPLE_ROWS = 10_000;
const SAMPLE_BYTES = 1 << 20;

/**
 * The date order of the file's first rows (1 MB or 10,000 rows): "dmy" when some of its
 * dates can only be day-first (31/01/2026) and none only month-first, and the reverse; null when
 * none tells (or they disagree), so the import's option or the default decides.
 */
async function sampleDateOrder(plan: ReadPlan): Promise<DateOrder | null> {
  const seen = new Set<DateOrder>();
  const look = (value: unknown) => {
    if (typeof value !== "string" || value.length > 40) return;
    const hint = dateOrderHint(value);
    if (hint) seen.add(hint);
  };
  let rows = 0;
  for await (const chunk of readRows(plan)) {
    for (const row of chunk.rows)
      if (Array.isArray(row)) for (const cell of row) look(cell);
      else for (const value of Object.values(row)) look(value);
    rows += chunk.rows.length;
    if (rows >= SAMPLE_ROWS || chunk.ends[chunk.ends.length - 1] - plan.start >= SAMPLE_BYTES) break;
  }
  return seen.size === 1 ? [...seen][0] : null;
}

const looseName = (column: string) => column.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The file's header with each column spelled as the preset spells it when they differ only in
 * case or spacing ("Record Id", "first  name"): exports are edited by hand, and a tool's column
 * names drift between versions. The import reads, keeps and quarantines rows under these names.
 */
function presetColumns(preset: Preset, columns: string[]): string[] {
  const known = new Map<string, string>();
  for (const names of [...preset.columns.map((c) => c.column.split(" / ")), ...preset.requiredColumns])
    for (const name of names) known.set(looseName(name), name);
  const have = new Set(columns);
  return columns.map((column) => {
    const spelled = known.get(looseName(column));
    return spelled && !have.has(spelled) ? spelled : column;
  });
}

/**
 * inspectFile for an import with a preset: the header as the preset spells it (presetColumns),
 * and the file refused when it is not the export the preset reads.
 */
export async function inspectFileFor(path: string, format: FileFormat, preset: Preset): Promise<FileFacts> {
  const facts = await inspectFile(path, format);
  if (facts.columns) facts.columns = presetColumns(preset, facts.columns);
  checkColumns(preset, facts.columns);
  return facts;
}

/** Refuses a file that is not the export the preset reads, naming the missing column. */
export function checkColumns(preset: Preset, columns: string[] | null): void {
  if (!columns) return;
  const have = new Set(columns);
  for (const names of preset.requiredColumns) {
    if (names.some((n) => have.has(n))) continue;
    throw new AppError(
      "validation_failed",
      `file: column "${names[0]}" is missing — is this a ${preset.label}? The file has: ${columns.slice(0, 12).join(", ")}`,
      { field: "file" },
    );
  }
}
