import type { FieldDef } from "../../model/fields.ts";
import type { LifecycleStage } from "../../model/lifecycle.ts";
import { objectDef } from "../../model/registry.ts";
import type { StageDates } from "../../records/index.ts";
import type {
  MapOptions,
  MappedRecord,
  MappedRow,
  Preset,
  PresetColumn,
  RowProblem,
  SourceRow,
} from "../ingest.types.ts";
import * as v from "./values.ts";

/** How one column becomes one field; `parse` defaults to the field kind's parser. */
export interface FieldSpec {
  /** Column name, or several names the same column has in different exports. */
  column: string | string[];
  field: string;
  parse?: (value: unknown, row: SourceRow) => unknown;
  note?: string;
}

/** A column holding the external id of another record of the same source. */
export interface RefSpec {
  column: string | string[];
  field: string;
  object: string;
  /** Several ids in one cell ("123;456"): the first is used. */
  list?: boolean;
  note?: string;
}

export interface RecordSpec {
  object: string;
  /** Column holding the record's id in the source; a function for composed keys. */
  key: string | string[] | ((row: SourceRow) => string | undefined);
  fields: FieldSpec[];
  refs?: RefSpec[];
  /** Values computed from several columns (items of a subscription, a name from two cells). */
  derive?: (row: SourceRow, fields: Record<string, unknown>) => void;
  /** Only written when its key cell is filled (a ticket's requester). */
  optional?: boolean;
  /**
   * Columns with the time the record reached a lifecycle stage (HubSpot's "Became a Lead
   * Date"), and the one with its creation time in the source: its lifecycle transitions carry
   * these times instead of the time of the import (see lifecycleSteps).
   */
  stageDates?: {
    stages: Array<{ column: string | string[]; stage: LifecycleStage }>;
    created?: string | string[];
  };
}

export interface PresetSpec {
  name: string;
  label: string;
  source: string;
  format?: "csv" | "jsonl";
  records: RecordSpec[];
  /** Defaults to the key column of the first record. */
  requiredColumns?: string[][];
  /** Documentation of derived values. */
  notes?: PresetColumn[];
}

const names = (column: string | string[]): string[] => (Array.isArray(column) ? column : [column]);

/** The first of a spec's column names the row has. */
export function cell(row: SourceRow, column: string | string[]): { column: string; value: unknown } {
  for (const name of names(column)) if (name in row) return { column: name, value: row[name] };
  return { column: names(column)[0], value: undefined };
}

function defaultParser(field: FieldDef, order: v.DateOrder): ((value: unknown) => unknown) | null {
  switch (field.kind) {
    case "integer":
      return v.integer;
    case "number":
      return v.number;
    case "boolean":
      return v.boolean;
    case "date":
      return (value) => v.date(value, order);
    case "timestamp":
      return (value) => v.timestamp(value, "UTC", order);
    case "currency":
      return v.currency;
    case "money":
      return null;
    case "json":
      return (value) => (typeof value === "string" ? JSON.parse(value) : value);
    default:
      return v.text;
  }
}

function mapRecord(
  spec: RecordSpec,
  source: string,
  row: SourceRow,
  problems: RowProblem[],
  order: v.DateOrder,
) {
  const def = objectDef(spec.object);
  let key: string | undefined;
  if (typeof spec.key === "function") key = spec.key(row);
  else key = v.text(cell(row, spec.key).value);
  if (!key) {
    if (spec.optional) return null;
    const column = typeof spec.key === "function" ? undefined : names(spec.key)[0];
    problems.push({ field: "external_id", column, message: `external_id: is required (column "${column}")` });
    return null;
  }
  const fields: Record<string, unknown> = {};
  const columns: Record<string, string> = {};
  const money: FieldSpec[] = [];
  const read = (f: FieldSpec, parse: (value: unknown, row: SourceRow) => unknown) => {
    const { column, value } = cell(row, f.column);
    columns[f.field] = column;
    try {
      const parsed = parse(value, row);
      if (parsed !== undefined) fields[f.field] = parsed;
    } catch (error) {
      if (!(error instanceof v.ValueError || error instanceof SyntaxError)) throw error;
      problems.push({ field: f.field, column, message: `${f.field}: ${error.message} (column "${column}")` });
    }
  };
  for (const f of spec.fields) {
    const field = def.fields[f.field];
    if (!field) throw new Error(`preset maps to unknown field ${spec.object}.${f.field}`);
    if (f.parse) read(f, f.parse);
    else if (field.kind === "money") money.push(f);
    else read(f, defaultParser(field, order)!);
  }
  for (const f of money)
    read(f, (value) =>
      v.minorUnits(value, typeof fields.currency === "string" ? fields.currency : undefined),
    );
  spec.derive?.(row, fields);
  const refs = [];
  for (const r of spec.refs ?? []) {
    const { value } = cell(row, r.column);
    let target = v.text(value);
    if (target && r.list) target = target.split(/[;,]/)[0].trim();
    if (target) refs.push({ field: r.field, object: r.object, source, key: target });
  }
  const record: MappedRecord = { object: spec.object, source, externalId: key, fields, refs, columns };
  if (spec.stageDates) {
    const stageDates = readStageDates(spec.stageDates, row, problems, order);
    if (stageDates) record.stageDates = stageDates;
  }
  return record;
}

/** The lifecycle dates a row gives, or undefined when it gives none; a bad one is a problem naming its column. */
function readStageDates(
  spec: NonNullable<RecordSpec["stageDates"]>,
  row: SourceRow,
  problems: RowProblem[],
  order: v.DateOrder,
) {
  const read = (names: string | string[], what: string) => {
    const { column, value } = cell(row, names);
    try {
      return v.timestamp(value, "UTC", order);
    } catch (error) {
      if (!(error instanceof v.ValueError)) throw error;
      problems.push({
        field: "lifecycle_stage",
        column,
        message: `lifecycle_stage: ${what} ${error.message} (column "${column}")`,
      });
      return undefined;
    }
  };
  const dates: StageDates = { stages: {} };
  let any = false;
  for (const { column, stage } of spec.stages) {
    const at = read(column, `the date it became ${stage},`);
    if (at !== undefined) {
      dates.stages[stage] = at;
      any = true;
    }
  }
  if (spec.created) {
    const at = read(spec.created, "the date it was created,");
    if (at !== undefined) {
      dates.created = at;
      any = true;
    }
  }
  return any ? dates : undefined;
}

/** Builds a preset from column specs: the mapping, its documentation and its checks in one place. */
export function definePreset(spec: PresetSpec): Preset {
  const columns: PresetColumn[] = [];
  for (const r of spec.records) {
    if (typeof r.key !== "function")
      columns.push({ column: names(r.key).join(" / "), field: `${r.object}.external_id` });
    for (const f of r.fields)
      columns.push({ column: names(f.column).join(" / "), field: `${r.object}.${f.field}`, note: f.note });
    for (const d of r.stageDates?.stages ?? [])
      columns.push({
        column: names(d.column).join(" / "),
        field: `${r.object}.lifecycle_stage`,
        note: `when it became ${d.stage}: the date of that lifecycle transition`,
      });
    if (r.stageDates?.created)
      columns.push({
        column: names(r.stageDates.created).join(" / "),
        field: `${r.object}.lifecycle_stage`,
        note: "when it was created: the date of its first lifecycle transition when no stage date is given",
      });
    for (const ref of r.refs ?? [])
      columns.push({
        column: names(ref.column).join(" / "),
        field: `${r.object}.${ref.field}`,
        note: ref.note ?? `external id of the ${objectDef(ref.object).singular}`,
      });
  }
  columns.push(...(spec.notes ?? []));
  const first = spec.records[0];
  const requiredColumns = spec.requiredColumns ?? (typeof first.key === "function" ? [] : [names(first.key)]);
  return {
    name: spec.name,
    label: spec.label,
    source: spec.source,
    format: spec.format ?? "csv",
    objects: [...new Set(spec.records.map((r) => r.object))],
    columns,
    requiredColumns,
    map(row: SourceRow, options?: MapOptions): MappedRow {
      const problems: RowProblem[] = [];
      const records: MappedRecord[] = [];
      const order = options?.dateOrder ?? "mdy";
      for (const r of spec.records) {
        const record = mapRecord(r, spec.source, row, problems, order);
        if (record) records.push(record);
      }
      return { records, problems };
    },
  };
}
