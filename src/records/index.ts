export type { Actor } from "./actor.ts";
export { systemActor } from "./actor.ts";
export { type BulkResult, bulkUpsert, MAX_BULK } from "./bulk-upsert.ts";
export type { Row } from "./hooks.ts";
export { type Change, journal } from "./journal.ts";
export { type ListPage, type ListQuery, listRecords, MAX_PAGE } from "./list-records.ts";
export { createRecord, deleteRecord, getRecord, inTransaction, patchRecord } from "./operations.ts";
export { createSchema, issuesToDetails, patchSchema, validate } from "./record-schema.ts";
export { insertRow, toApi, updateRow } from "./write-record.ts";
