// Entity resolution: Fellegi–Sunter record linkage with m learnt by EM (Splink style) over
// blocked candidate pairs, on plain tables or CSV files. Other modules import from here only.

export { seededRandom } from "../../model/seeded-random.ts";
export { blockedPairs, type ProgressListener } from "./blocking.ts";
export type { BlockingOptions, BlockingRule } from "./blocking-rules.ts";
export { chooseBlockingRules } from "./blocking-rules.ts";
export { clusterPairs, createUnionFind, linkClusters } from "./cluster.ts";
export { type Comparison, comparisonFor, JW_HIGH, JW_LOW } from "./compare.ts";
export { comparePairs } from "./comparison-patterns.ts";
export { dedupeFile, readCsvColumns, writePairsCsv } from "./dedupe-file.ts";
export {
  DEFAULT_THRESHOLD,
  type DedupeOptions,
  type DedupeResult,
  type DedupeStats,
  type DuplicatePair,
  dedupeRecords,
  type PairScope,
  type RecordTable,
} from "./dedupe-records.ts";
export { type EncodedField, encodeFields } from "./encode-fields.ts";
export { expectationMaximisation } from "./expectation-maximisation.ts";
export {
  explainPair,
  type FieldEvidence,
  type Matcher,
  type PairExplanation,
  pairWeight,
} from "./explain.ts";
export {
  type FieldModel,
  type MatchModel,
  matchWeight,
  probabilityFromWeight,
  trainModel,
} from "./fellegi-sunter.ts";
export {
  FIELD_TYPES,
  type FieldSpec,
  type FieldType,
  inferFieldType,
  parseFieldSpecs,
} from "./field-types.ts";
export { normaliseDate, normaliseEmail, normalisePhone, normaliseText } from "./normalise.ts";
export { jaro, jaroWinkler, levenshtein } from "./string-similarity.ts";
export { SYNTHETIC_HEADER, syntheticContacts } from "./synthetic-contacts.ts";
export { estimateU } from "./u-probabilities.ts";
