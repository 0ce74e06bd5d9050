import type { Change, Row } from "../../records/index.ts";

/** A row as it was before a merge touched it: the whole stored row, provenance included. */
export interface PriorRow {
  /** Object key (table) of the row, or `record_aliases` / `pending_references`. */
  object: string;
  id: string;
  /** What the merge did to it: `updated` rows are restored in place, `deleted` ones re-inserted. */
  action: "updated" | "deleted";
  row: Row;
}

/** A history row a merge's writes added (a lifecycle transition), removed again by undo. */
export interface CreatedRow {
  object: string;
  id: string;
}

/** Everything one merge touched, gathered as it goes, for its record and its undo. */
export interface TouchedRows {
  prior: PriorRow[];
  /** `object:id` → the version the merge left the row at. */
  afterVersions: Record<string, number>;
  changes: Change[];
}

export const rowKey = (object: string, id: string): string => `${object}:${id}`;

export function createTouchedRows(): TouchedRows {
  return { prior: [], afterVersions: {}, changes: [] };
}

/** Remembers a row's prior state once (the first time the merge touches it). */
export function rememberUpdate(touched: TouchedRows, object: string, before: Row, after: Row): void {
  const key = rowKey(object, before.id);
  if (!(key in touched.afterVersions))
    touched.prior.push({ object, id: before.id, action: "updated", row: before });
  touched.afterVersions[key] = after.version;
}
