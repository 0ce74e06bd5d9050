import type { StageDates } from "../records/index.ts";
import type { DateOrder } from "./presets/values.ts";
/** A row of the source file: CSV cells by column name, or a JSON-lines object. */
export type SourceRow = Record<string, unknown>;

/** Why a row (or one value of it) cannot be imported. */
export interface RowProblem {
  /** Unified-model field, named as the API names it. */
  field?: string;
  /** Source column the value came from. */
  column?: string;
  message: string;
}

/**
 * A reference to another record by its key in the source system (`source` + `key` = its
 * external id) or, with `source` null, by its Revline id.
 */
export interface RecordRef {
  field: string;
  object: string;
  source: string | null;
  key: string;
}

/** One record a row maps to, before validation: fields in the unified model, references by key. */
export interface MappedRecord {
  object: string;
  source: string;
  /** Upsert key within the source; null when the record is keyed by `id` alone. */
  externalId: string | null;
  /** A Revline id to keep (round trip of an export) or to match by when there is no external id. */
  id?: string;
  fields: Record<string, unknown>;
  refs: RecordRef[];
  /** Source column of each field, so problems can name the column too. */
  columns?: Record<string, string>;
  /** When a contact or account reached its lifecycle stages in the source (dates its history). */
  stageDates?: StageDates;
}

export interface MappedRow {
  records: MappedRecord[];
  problems: RowProblem[];
}

export interface PresetColumn {
  column: string;
  field: string;
  note?: string;
}

/** How the whole file is read, beyond each row's own cells. */
export interface MapOptions {
  /** Month or day first in all-numeric dates (default month first: see DateOrder). */
  dateOrder?: DateOrder;
}

export interface Preset {
  name: string;
  label: string;
  /** Source name stored on every record (the upsert key is source + external id). */
  source: string;
  format: "csv" | "jsonl";
  /** Objects written, parents first (permissions are checked on each). */
  objects: string[];
  /** What each known column becomes: shown by the dry run, the API and docs/imports.md. */
  columns: PresetColumn[];
  /** Columns a file must have to be this export (each: the names it goes by). */
  requiredColumns: string[][];
  map(row: SourceRow, options?: MapOptions): MappedRow;
  /** The generic preset: what a file's column becomes ("contacts.first_name"), or null when it is not imported. */
  columnTarget?(column: string): string | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deferred: number;
  resolved: number;
}

export const emptyCounts = (): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  deferred: 0,
  resolved: 0,
});
