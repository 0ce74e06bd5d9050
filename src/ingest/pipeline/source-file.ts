import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { setImmediate } from "node:timers/promises";
import { AppError } from "../../errors/app-error.ts";
import type { MappedRow, Preset, SourceRow } from "../ingest.types.ts";
import type { Batch } from "./commit-batch.ts";
import { readCsvHeader, readCsvRows } from "./read-csv.ts";
import { readJsonLines } from "./read-jsonl.ts";
import type { FileEncoding } from "./text-encoding.ts";
import type { RecordInput, Rejection } from "./write-context.ts";

export type FileFormat = "csv" | "jsonl";

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
}

/** Size, hash and (CSV) header of a file about to be imported. */
export async function inspectFile(path: string, format: FileFormat): Promise<FileFacts> {
  const size = statSync(path).size;
  const sha256 = await sha256File(path);
  if (format === "jsonl") return { size, sha256, columns: null, dataStart: 0 };
  const header = await readCsvHeader(path);
  if (header.columns.length === 0)
    throw new AppError("validation_failed", "file: the CSV file is empty", { field: "file" });
  return {
    size,
    sha256,
    columns: header.columns,
    dataStart: header.dataStart,
    delimiter: header.delimiter,
    encoding: header.encoding,
  };
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

/** Maps one source row; a row with any problem is rejected whole, nothing of it written. */
export function mapRow(preset: Preset, row: SourceRow, rowNumber: number, importId: string | null) {
  let mapped: MappedRow;
  try {
    mapped =
      "__error" in row ? { records: [], problems: [{ message: String(row.__error) }] } : preset.map(row);
  } catch (error) {
    mapped = {
      records: [],
      problems: [{ message: `the row could not be read: ${(error as Error).message}` }],
    };
  }
  if (mapped.problems.length > 0) {
    const rejection: Rejection = { importId, rowNumber, problems: mapped.problems, raw: row };
    return { inputs: [] as RecordInput[], rejection };
  }
  return {
    inputs: mapped.records.map((record) => ({ record, rowNumber, raw: row, importId })),
    rejection: null,
  };
}

/** A CSV row as {column: value}, empty cells left out. */
function rowObject(columns: string[], values: string[]): SourceRow {
  const row: SourceRow = {};
  const n = Math.min(columns.length, values.length);
  for (let i = 0; i < n; i++) if (values[i] !== "") row[columns[i]] = values[i];
  return row;
}

export interface ReadPlan {
  path: string;
  format: FileFormat;
  columns: string[] | null;
  delimiter?: string;
  encoding?: FileEncoding;
  /** Byte offset and number of the first row to read. */
  start: number;
  firstRow: number;
}

/** Rows mapped between two yields to the event loop. */
const MAP_SLICE = 500;

/** Streams the file from `start` in batches of mapped rows, each with its checkpoint. */
export async function* mappedBatches(
  plan: ReadPlan,
  preset: Preset,
  importId: string | null,
  batchRows: number,
): AsyncGenerator<Batch> {
  const chunks =
    plan.format === "csv"
      ? readCsvRows(plan.path, {
          start: plan.start,
          firstRow: plan.firstRow,
          delimiter: plan.delimiter,
          encoding: plan.encoding,
        })
      : readJsonLines(plan.path, { start: plan.start, firstRow: plan.firstRow });
  let batch: Batch = { inputs: [], rejections: [], lastRow: plan.firstRow - 1, endOffset: plan.start };
  let rows = 0;
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.rows.length; i++) {
      const source = chunk.rows[i];
      const row = Array.isArray(source) ? rowObject(plan.columns ?? [], source) : (source as SourceRow);
      const { inputs, rejection } = mapRow(preset, row, chunk.numbers[i], importId);
      if (rejection) batch.rejections.push(rejection);
      else for (const input of inputs) batch.inputs.push(input);
      batch.lastRow = chunk.numbers[i];
      batch.endOffset = chunk.ends[i];
      // Mapping is CPU work: let the batch being written send its next statement meanwhile.
      if (i % MAP_SLICE === MAP_SLICE - 1) await setImmediate();
      if (++rows >= batchRows) {
        yield batch;
        batch = { inputs: [], rejections: [], lastRow: batch.lastRow, endOffset: batch.endOffset };
        rows = 0;
      }
    }
  }
  if (rows > 0) yield batch;
}
