import { setImmediate } from "node:timers/promises";
import type { MapOptions, MappedRow, Preset, SourceRow } from "../ingest.types.ts";
import type { DateOrder } from "../presets/values.ts";
import type { Batch } from "./commit-batch.ts";
import { readCsvRows } from "./read-csv.ts";
import { readJsonLines } from "./read-jsonl.ts";
import type { FileEncoding } from "./text-encoding.ts";
import type { RecordInput, Rejection } from "./write-context.ts";

export type FileFormat = "csv" | "jsonl";

/** The file's rows from the plan's offset: CSV rows as cell arrays, JSON lines as objects. */
export function readRows(plan: ReadPlan) {
  return plan.format === "csv"
    ? readCsvRows(plan.path, {
        start: plan.start,
        firstRow: plan.firstRow,
        delimiter: plan.delimiter,
        encoding: plan.encoding,
      })
    : readJsonLines(plan.path, { start: plan.start, firstRow: plan.firstRow });
}

/** Maps one source row; a row with any problem is rejected whole, nothing of it written. */
export function mapRow(
  preset: Preset,
  row: SourceRow,
  rowNumber: number,
  importId: string | null,
  options?: MapOptions,
) {
  let mapped: MappedRow;
  try {
    mapped =
      "__error" in row
        ? { records: [], problems: [{ message: String(row.__error) }] }
        : preset.map(row, options);
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

/**
 * A line with one cell in a file of several columns is not a record: a report's title, or the
 * footer a Salesforce report export ends with ("Copyright (c) … salesforce.com", "Generated
 * By: …"). It is quarantined saying so, rather than as a record without a key.
 */
function notADataRow(columns: number, row: SourceRow, rowNumber: number, importId: string | null) {
  const message = `the line has 1 cell where the header has ${columns} columns: not a data row (a report's title or footer?)`;
  const rejection: Rejection = { importId, rowNumber, problems: [{ message }], raw: row };
  return { inputs: [] as RecordInput[], rejection };
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
  /** Month or day first in the file's all-numeric dates (default month first). */
  dateOrder?: DateOrder;
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
  const chunks = readRows(plan);
  const options: MapOptions = { dateOrder: plan.dateOrder };
  let batch: Batch = { inputs: [], rejections: [], lastRow: plan.firstRow - 1, endOffset: plan.start };
  let rows = 0;
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.rows.length; i++) {
      const source = chunk.rows[i];
      const row = Array.isArray(source) ? rowObject(plan.columns ?? [], source) : (source as SourceRow);
      const { inputs, rejection } =
        Array.isArray(source) && source.length === 1 && (plan.columns?.length ?? 0) >= 3
          ? notADataRow(plan.columns!.length, row, chunk.numbers[i], importId)
          : mapRow(preset, row, chunk.numbers[i], importId, options);
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
