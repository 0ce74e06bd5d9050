import { describe, expect, it } from "vitest";
import { clusterMembers, clusterPairs, linkClusters } from "./cluster.ts";

describe("clustering", () => {
  const left = Int32Array.from([0, 1, 3, 2]);
  const right = Int32Array.from([1, 2, 4, 3]);
  const weights = Float64Array.from([20, 18, 15, 5]);

  it("joins pairs above the threshold into connected components", () => {
    const cluster = clusterPairs(6, left, right, weights, 10);
    expect(clusterMembers(cluster)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(clusterMembers(clusterPairs(6, left, right, weights, 4))).toEqual([[0, 1, 2, 3, 4]]);
  });

  it("refuses a link between two clusters whose records look different on average", () => {
    // 2–3 clears the threshold, but every other record of {0,1,2} is plainly unlike {3,4}.
    const direct = (i: number, j: number): number => (i < 3 === j < 3 ? 20 : i === 2 && j === 3 ? 5 : -30);
    const cluster = linkClusters(6, left, right, weights, 4, direct, { minMeanWeight: -4 });
    expect(clusterMembers(cluster)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    const lenient = linkClusters(6, left, right, weights, 4, () => 0, { minMeanWeight: -4 });
    expect(clusterMembers(lenient)).toEqual([[0, 1, 2, 3, 4]]);
  });
});
