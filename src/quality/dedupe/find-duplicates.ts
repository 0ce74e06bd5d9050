import {
  createUnionFind,
  dedupeRecords,
  type MatchModel,
  type PairExplanation,
  type ProgressListener,
} from "../matching/index.ts";
import type { DedupeSettings } from "./dedupe-settings.ts";
import type { LoadedRecords } from "./load-records.ts";

export interface FoundPair {
  left: string;
  right: string;
  probability: number;
  explanation: PairExplanation;
}

export interface FoundCluster {
  recordIds: string[];
  pairs: FoundPair[];
  maxProbability: number;
  /** Linked by pairs at or above the auto-merge threshold alone, with no "not a duplicate" inside. */
  automatic: boolean;
}

export interface FoundDuplicates {
  clusters: FoundCluster[];
  rows: number;
  comparisons: number;
  /** Pairs left out because someone said they are not duplicates. */
  rejectedPairs: number;
  /** Groups too large to review as one (a common value the engine could not tell apart). */
  oversizedClusters: number;
  stages: Record<string, number>;
  /**
   * Set when the learnt model is not one of duplicates: in it, "matching" records rarely agree
   * exactly on their identifying fields (EM found no real duplicates to learn from and
   * modelled something else, such as colleagues at one company). No cluster is proposed then.
   */
  untrustedFields: string[];
}

// Fields on which copies of one person or company mostly agree exactly.
const IDENTIFYING = new Set(["email", "phone", "first_name", "last_name", "person_name", "company", "exact"]);
const AGREES = 0.2;

/**
 * The identifying fields whose exact agreement the model gives a match less than a 0.2 chance,
 * when they are the majority (empty otherwise). Measured: on demo data with duplicates the
 * model has m(exact) 0.82 first name, 0.67 last name, 0.56 company, 0.36 phone (its copies
 * always change email); on demo data without any, 0.03, 0.10, 0.11, 0.008 and ~0.
 */
export function untrustedFields(model: MatchModel): string[] {
  const identifying = model.fields.filter((f) => IDENTIFYING.has(f.type));
  const weak = identifying.filter((f) => f.m[1] < AGREES);
  return weak.length * 2 > identifying.length ? weak.map((f) => f.name) : [];
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const MAX_CLUSTER = 50;

/**
 * Runs the matching engine over a workspace's records and groups its pairs for review: pairs
 * at or above the review threshold, less those decided "not a duplicate", joined into
 * connected components. Pure: the caller loads the records and stores the result.
 */
export function findDuplicates(
  loaded: LoadedRecords,
  settings: DedupeSettings,
  notDuplicates: ReadonlySet<string>,
  onProgress?: ProgressListener,
): FoundDuplicates {
  const ids = loaded.table.columns[0];
  const empty: FoundDuplicates = {
    clusters: [],
    rows: ids.length,
    comparisons: 0,
    rejectedPairs: 0,
    oversizedClusters: 0,
    stages: {},
    untrustedFields: [],
  };
  if (ids.length < 2 || loaded.fields.length === 0) return empty;
  const result = dedupeRecords(loaded.table, {
    idColumn: "id",
    fields: loaded.fields,
    threshold: settings.review_threshold,
    scope: "compared",
    onProgress,
  });
  const untrusted = untrustedFields(result.model);
  if (untrusted.length > 0)
    return {
      ...empty,
      comparisons: result.stats.comparisons,
      stages: result.stats.stages,
      untrustedFields: untrusted,
    };
  const index = new Map(ids.map((id, i) => [id, i]));
  const kept = result.pairs.filter((p) => !notDuplicates.has(pairKey(p.left, p.right)));
  const review = createUnionFind(ids.length);
  const auto = createUnionFind(ids.length);
  for (const p of kept) {
    const [i, j] = [index.get(p.left)!, index.get(p.right)!];
    if (p.probability >= settings.review_threshold) review.union(i, j);
    if (p.probability >= settings.auto_merge_threshold) auto.union(i, j);
  }
  const groups = new Map<number, { members: Set<number>; pairs: typeof kept }>();
  for (const p of kept) {
    const [i, j] = [index.get(p.left)!, index.get(p.right)!];
    const root = review.find(i);
    if (root !== review.find(j)) continue;
    let group = groups.get(root);
    if (!group) {
      group = { members: new Set(), pairs: [] };
      groups.set(root, group);
    }
    group.members.add(i).add(j);
    group.pairs.push(p);
  }
  const clusters: FoundCluster[] = [];
  let oversizedClusters = 0;
  for (const { members, pairs } of groups.values()) {
    if (members.size > MAX_CLUSTER) {
      oversizedClusters++;
      continue;
    }
    const recordIds = [...members].sort((a, b) => a - b).map((i) => ids[i]);
    const autoRoot = auto.find([...members][0]);
    const rejectedInside = recordIds.some((a, x) =>
      recordIds.slice(x + 1).some((b) => notDuplicates.has(pairKey(a, b))),
    );
    clusters.push({
      recordIds,
      pairs: pairs.map((p) => ({ ...p, explanation: result.explain(p.left, p.right) })),
      maxProbability: Math.max(...pairs.map((p) => p.probability)),
      automatic: !rejectedInside && [...members].every((i) => auto.find(i) === autoRoot),
    });
  }
  clusters.sort((a, b) => b.maxProbability - a.maxProbability);
  return {
    clusters,
    rows: ids.length,
    comparisons: result.stats.comparisons,
    rejectedPairs: result.pairs.length - kept.length,
    oversizedClusters,
    stages: result.stats.stages,
    untrustedFields: [],
  };
}
