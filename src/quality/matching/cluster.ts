/** Union–find with path halving and union by size, over record indices. */
export function createUnionFind(n: number) {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  return {
    find,
    union(a: number, b: number): void {
      let ra = find(a);
      let rb = find(b);
      if (ra === rb) return;
      if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
      parent[rb] = ra;
      size[ra] += size[rb];
    },
  };
}

/**
 * Connected components of the graph whose edges are the pairs at or above `minWeight`.
 * Returns each record's cluster id (the smallest record index in its cluster).
 */
export function clusterPairs(
  n: number,
  left: Int32Array,
  right: Int32Array,
  weights: Float64Array,
  minWeight: number,
): Int32Array {
  const sets = createUnionFind(n);
  for (let p = 0; p < weights.length; p++) if (weights[p] >= minWeight) sets.union(left[p], right[p]);
  const smallest = new Int32Array(n).fill(-1);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    if (smallest[root] < 0) smallest[root] = i;
    cluster[i] = smallest[root];
  }
  return cluster;
}

/** Members of every cluster with more than one record, in record order. */
export function clusterMembers(cluster: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  cluster.forEach((c, i) => {
    const group = groups.get(c);
    if (group) group.push(i);
    else groups.set(c, [i]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

export interface LinkOptions {
  /** Mean direct weight two clusters' records must reach for an edge to join them. */
  minMeanWeight: number;
  /** Direct weights are clipped to ±this before averaging, so one pair cannot decide alone. */
  clip?: number;
  /** At most this many record pairs are scored when checking a join (evenly spread). */
  maxChecks?: number;
}

/**
 * Clusters from the pairs at or above `minWeight`, strongest first, like connected components
 * but a pair only joins two multi-record clusters when the records across them look alike on
 * average (mean direct match weight ≥ `minMeanWeight`). One false link between two people's
 * records then cannot chain their clusters together, while a record linked weakly to most of a
 * cluster still joins it. Returns each record's cluster id (a member's index).
 */
export function linkClusters(
  n: number,
  left: Int32Array,
  right: Int32Array,
  weights: Float64Array,
  minWeight: number,
  directWeight: (i: number, j: number) => number,
  options: LinkOptions,
): Int32Array {
  const clip = options.clip ?? 16;
  const maxChecks = options.maxChecks ?? 400;
  const edges: number[] = [];
  for (let p = 0; p < weights.length; p++) if (weights[p] >= minWeight) edges.push(p);
  edges.sort((a, b) => weights[b] - weights[a]);
  const sets = createUnionFind(n);
  const members = new Map<number, number[]>();
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  for (const p of edges) {
    const ra = sets.find(left[p]);
    const rb = sets.find(right[p]);
    if (ra === rb) continue;
    const a = membersOf(ra);
    const b = membersOf(rb);
    if (a.length > 1 || b.length > 1) {
      const total = a.length * b.length;
      const step = Math.max(1, Math.floor(total / maxChecks));
      let sum = 0;
      let count = 0;
      for (let k = 0; k < total; k += step) {
        const w = directWeight(a[Math.floor(k / b.length)], b[k % b.length]);
        sum += Math.max(-clip, Math.min(clip, w));
        count++;
      }
      if (sum / count < options.minMeanWeight) continue;
    }
    sets.union(ra, rb);
    const root = sets.find(ra);
    members.delete(ra);
    members.delete(rb);
    members.set(root, a.concat(b));
  }
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = sets.find(i);
  return cluster;
}
