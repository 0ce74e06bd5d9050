// Deduplication inside a workspace: runs of the matching engine over contacts and accounts
// (and leads → accounts by email domain), the review queue of clusters, "not a duplicate"
// decisions and the settings. Merging itself lives in ../merge. Other modules import from here.

export {
  CLUSTER_STATUSES,
  getRun,
  listClusters,
  listLeadMatches,
  markNotDuplicate,
  mergeCluster,
} from "./dedupe.queries.ts";
export {
  DEFAULT_DEDUPE_SETTINGS,
  type DedupeSettings,
  dedupeSettingsSchema,
  getDedupeSettings,
  setDedupeSettings,
} from "./dedupe-settings.ts";
export { type FoundCluster, type FoundDuplicates, findDuplicates, pairKey } from "./find-duplicates.ts";
export { type LeadMatch, matchLeadsToAccounts } from "./lead-matches.ts";
export { type LeadLink, linkLead, linkLeads, linkRefusal, MAX_LEAD_LINKS } from "./link-leads.ts";
export {
  DEDUPE_OBJECTS,
  type DedupeObject,
  loadRecords,
  RUN_OBJECTS,
  type RunObject,
} from "./load-records.ts";
export { emailDomain, isFreeMailDomain, normaliseDomain } from "./normalise-domain.ts";
export {
  executeRun,
  type RunProgress,
  type RunSummary,
  runInputSchema,
  startDedupeRun,
} from "./run-dedupe.ts";
