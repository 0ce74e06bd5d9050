export type { Actor } from "./actor.ts";
export { systemActor } from "./actor.ts";
export { type BulkResult, bulkUpsert, MAX_BULK } from "./bulk-upsert.ts";
export { mapDbError } from "./db-errors.ts";
export {
  currentSource,
  type FieldSource,
  type FieldSources,
  type LosingValue,
  withNewValues,
} from "./field-sources.ts";
export { deriveFields, HISTORY_TABLES, type HistoryRow, historyRows, type Row } from "./hooks.ts";
export { type Change, journal } from "./journal.ts";
export {
  LIFECYCLE_SUBJECTS,
  type LifecycleStep,
  lifecycleSteps,
  type StageDates,
} from "./lifecycle-journey.ts";
export { filterExpression, type ListPage, type ListQuery, listRecords, MAX_PAGE } from "./list-records.ts";
export { createRecord, deleteRecord, getRecord, inTransaction, patchRecord } from "./operations.ts";
export { MAX_PATCH_MANY, patchRecords } from "./patch-records.ts";
export { createSchema, issuesToDetails, patchSchema, validate } from "./record-schema.ts";
export { deleteRow, insertRow, sameJson, sameValue, toApi, updateRow } from "./write-record.ts";
