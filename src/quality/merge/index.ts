// Merges of duplicate records: survivorship per field, re-pointing of every reference found in
// the model registry, provenance kept as aliases, and exact undo. Other modules import from here.

export {
  MERGE_OBJECTS,
  type MergeInput,
  type MergeResult,
  mergeInputSchema,
  mergeRecords,
} from "./merge-records.ts";
export { listMerges, type MergeSummary } from "./merges.queries.ts";
export { resolveAliases } from "./record-aliases.ts";
export { referenceSites } from "./repoint-references.ts";
export {
  chooseSurvivingValues,
  defaultSurvivor,
  type FieldChoice,
  mergeableFields,
  type SurvivorRule,
} from "./survivorship.ts";
export { undoMerge } from "./undo-merge.ts";
