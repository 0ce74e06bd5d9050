import { clusterMembers } from "./cluster.ts";
import { probabilityFromWeight } from "./fellegi-sunter.ts";
import type { PairList } from "./pair-list.ts";

/**
 * Which pairs are reported once pairs above the threshold are joined into clusters:
 * "cluster" — every pair of records in the same cluster, compared or not (a duplicate is often
 *   linked to its cluster through another copy of the same person), except in clusters larger
 *   than `maxClusterSize`, where only compared pairs are reported;
 * "compared" — compared pairs whose records ended up in the same cluster;
 * "threshold" — only compared pairs at or above the threshold (no clustering).
 */
export type PairScope = "cluster" | "compared" | "threshold";

export interface DuplicatePair {
  left: string;
  right: string;
  /** The pair's own match probability (a pair joined through its cluster can be lower). */
  probability: number;
}

export interface SelectOptions {
  scope: PairScope;
  minWeight: number;
  maxClusterSize: number;
  directWeight: (i: number, j: number) => number;
}

/** The reported duplicate pairs, and how many clusters of two or more records there are. */
export function selectPairs(
  ids: readonly string[],
  pairs: PairList,
  scores: Float64Array,
  cluster: Int32Array,
  options: SelectOptions,
): { pairs: DuplicatePair[]; clusters: number } {
  const { scope, minWeight } = options;
  const out: DuplicatePair[] = [];
  const groups = clusterMembers(cluster);
  const expanded = new Uint8Array(ids.length);
  if (scope === "cluster") {
    for (const group of groups) {
      if (group.length > options.maxClusterSize) continue;
      for (const i of group) expanded[i] = 1;
      for (let a = 0; a < group.length; a++) {
        for (let b = a + 1; b < group.length; b++) {
          const probability = probabilityFromWeight(options.directWeight(group[a], group[b]));
          out.push({ left: ids[group[a]], right: ids[group[b]], probability });
        }
      }
    }
  }
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs.left[p];
    const j = pairs.right[p];
    if (expanded[i] === 1) continue;
    const keep = scope === "threshold" ? scores[p] >= minWeight : cluster[i] === cluster[j];
    if (keep) out.push({ left: ids[i], right: ids[j], probability: probabilityFromWeight(scores[p]) });
  }
  return { pairs: out, clusters: groups.length };
}
