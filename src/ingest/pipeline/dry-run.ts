import { AppError } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import { createSchema, type Row, type StageDates, validate } from "../../records/index.ts";
import type { Preset, RowProblem } from "../ingest.types.ts";
import { type DateOrder, dateOrderOption } from "../presets/values.ts";
import { type FileFormat, inspectFileFor } from "./inspect-file.ts";
import { mappedBatches } from "./source-file.ts";
import type { FileEncoding } from "./text-encoding.ts";

export interface DryRunReport {
  preset: string;
  source: string;
  /**
   * How the file is read: a CSV's text encoding and delimiter, and the order of day and month in
   * all-numeric dates, with where that came from (the option, the file's own dates, or the default).
   */
  file: {
    encoding?: FileEncoding;
    delimiter?: string;
    date_order: DateOrder;
    date_order_from: "option" | "file" | "default";
  };
  columns: { mapped: Array<{ column: string; field: string }>; unmapped: string[]; missing: string[] };
  rows: number;
  valid_rows: number;
  rejected_rows: number;
  problems: Array<{ row: number } & RowProblem>;
  sample: Array<{
    row: number;
    object: string;
    external_id: string | null;
    fields: Row;
    references: Row;
    /** When the record reached its lifecycle stages, per the file (dates its history; docs/imports.md). */
    stage_dates?: StageDates;
  }>;
}

const MAX_PROBLEMS = 20;

/**
 * What an import would do, without writing: how columns map, the first mapped records, and
 * the first problems — value errors and what the API's validation would refuse. References
 * are not looked up, so a record whose required reference is missing is not reported.
 */
export async function dryRun(
  path: string,
  format: FileFormat,
  preset: Preset,
  options: { maxRows?: number; dateOrder?: string } = {},
): Promise<DryRunReport> {
  const maxRows = options.maxRows ?? Infinity;
  const given = dateOrderOption(options.dateOrder);
  const facts = await inspectFileFor(path, format, preset);
  const dateOrder = given ?? facts.dateOrder ?? "mdy";
  const known = new Set(preset.columns.flatMap((c) => c.column.split(" / ")));
  const report: DryRunReport = {
    preset: preset.name,
    source: preset.source,
    file: {
      ...(facts.encoding ? { encoding: facts.encoding, delimiter: facts.delimiter } : {}),
      date_order: dateOrder,
      date_order_from: given ? "option" : facts.dateOrder ? "file" : "default",
    },
    columns: {
      mapped: (facts.columns ?? [])
        .filter((c) => known.has(c))
        .map((c) => ({
          column: c,
          field: preset.columns.find((p) => p.column.split(" / ").includes(c))!.field,
        })),
      unmapped: (facts.columns ?? []).filter((c) => !known.has(c)),
      missing:
        preset.name === "generic"
          ? []
          : [...known].filter((c) => facts.columns && !facts.columns.includes(c)),
    },
    rows: 0,
    valid_rows: 0,
    rejected_rows: 0,
    problems: [],
    sample: [],
  };
  const { columnTarget } = preset;
  if (columnTarget) {
    const targets = (facts.columns ?? []).map((column) => ({ column, field: columnTarget(column) }));
    report.columns.mapped = targets.flatMap(({ column, field }) => (field ? [{ column, field }] : []));
    report.columns.unmapped = targets.filter((t) => !t.field).map((t) => t.column);
  }
  const plan = {
    path,
    format,
    columns: facts.columns,
    delimiter: facts.delimiter,
    encoding: facts.encoding,
    dateOrder,
    start: facts.dataStart,
    firstRow: 1,
  };
  for await (const batch of mappedBatches(plan, preset, null, 1000)) {
    const bad = new Set<number>();
    for (const r of batch.rejections) {
      bad.add(r.rowNumber);
      for (const p of r.problems)
        if (report.problems.length < MAX_PROBLEMS) report.problems.push({ row: r.rowNumber, ...p });
    }
    for (const input of batch.inputs) {
      const { record } = input;
      const refFields = new Set(record.refs.map((r) => r.field));
      const fields = Object.fromEntries(Object.entries(record.fields).filter(([k]) => !refFields.has(k)));
      try {
        validate(createSchema(objectDef(record.object)), fields);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const requiredRefOnly = (error.details ?? []).every((d) => d.field && refFields.has(d.field));
        if (!requiredRefOnly) {
          bad.add(input.rowNumber);
          for (const d of error.details ?? [])
            if (report.problems.length < MAX_PROBLEMS && !(d.field && refFields.has(d.field)))
              report.problems.push({
                row: input.rowNumber,
                field: d.field,
                column: d.field ? record.columns?.[d.field] : undefined,
                message: d.message,
              });
        }
      }
      if (report.sample.length < 5)
        report.sample.push({
          row: input.rowNumber,
          object: record.object,
          external_id: record.externalId,
          fields: record.fields,
          references: Object.fromEntries(
            record.refs.map((r) => [r.field, `${r.object} ${r.source ?? "id"}:${r.key}`]),
          ),
          ...(record.stageDates ? { stage_dates: record.stageDates } : {}),
        });
    }
    report.rows = batch.lastRow;
    report.rejected_rows += bad.size;
    if (report.rows >= maxRows) break;
  }
  report.valid_rows = report.rows - report.rejected_rows;
  return report;
}
