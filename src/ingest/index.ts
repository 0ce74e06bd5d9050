/**
 * Ingestion and sync: streaming imports with presets for the tools teams already use, provenance
 * and source priority, quarantine, resumable jobs, signed inbound webhooks and exports.
 * Other modules import from here only.
 */
export { type ExportFormat, exportFormat, exportRecords } from "./export/export-records.ts";
export { assertCanAccess } from "./imports/access.ts";
export {
  findImport,
  getImport,
  type ImportRow,
  importJobId,
  importSummary,
  listImports,
} from "./imports/imports.queries.ts";
export { recordProvenance } from "./imports/record-provenance.ts";
export { listRejections, REJECTION_COLUMNS, rejectedCsv } from "./imports/rejections.ts";
export { getSourcePriority, setSourcePriority } from "./imports/source-priority.queries.ts";
export { type ImportRequest, startImport } from "./imports/start-import.ts";
export type { ImportCounts, MappedRecord, Preset, SourceRow } from "./ingest.types.ts";
export { type ImportWorker, importActor, runImportJob, startImportWorker } from "./jobs/import-worker.ts";
export { claimNextJob, type Job, requeueJob, takeOverJob, thisWorker } from "./jobs/job-queue.ts";
export { type DryRunReport, dryRun } from "./pipeline/dry-run.ts";
export { formatOf } from "./pipeline/inspect-file.ts";
export { BATCH_ROWS, type ImportProgress, runImport } from "./pipeline/run-import.ts";
export { DEFAULT_SOURCE_PRIORITY, type SourcePriority } from "./pipeline/source-priority.ts";
export { exportColumns, genericPreset } from "./presets/generic.preset.ts";
export { PRESET_NAMES, PRESETS, presetByName } from "./presets/presets.ts";
export { receiveWebhook, type WebhookResult } from "./webhooks/receive-webhook.ts";
export {
  SIGNATURE_HEADER,
  STRIPE_SIGNATURE_HEADER,
  signatureHeader,
  signPayload,
  TOLERANCE_SECONDS,
} from "./webhooks/signature.ts";
export { listWebhookSources, rotateWebhookSecret } from "./webhooks/webhook-secrets.ts";
