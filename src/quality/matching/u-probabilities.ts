import { seededRandom } from "../../model/seeded-random.ts";
import type { Comparison } from "./compare.ts";

export interface UOptions {
  /** Random pairs to compare; when the file has fewer pairs than this, all are compared. */
  maxPairs?: number;
  seed?: number;
}

/** What comparing random pairs found: u per field and level, and which fields agreed together. */
export interface RandomPairSample {
  /** `u[f][level]`; `u[f][0]` (missing) is 1 by convention: that level carries no weight. */
  u: number[][];
  pairs: number;
  /** Pairs per field and level. */
  levelCounts: Float64Array[];
  /**
   * Pairs per combination of agreement: the key holds, in base 4, each field's level when it
   * is 1 or 2 (the two strongest agreement levels) and 0 otherwise.
   */
  agreements: Map<number, number>;
}

/** Fields beyond this many are left out of the agreement combinations (4^26 < 2^53). */
export const AGREEMENT_FIELDS = 26;

/** Chance that two different records share a value of the field: Σ c(c-1) / N(N-1). */
function exactAgreementRate(c: Comparison): number {
  const n = c.field.nonNull;
  if (n < 2) return 0;
  let same = 0;
  for (const count of c.field.counts) same += count * (count - 1);
  return same / (n * (n - 1));
}

/**
 * u probabilities (chance of each level among non-matching pairs), Splink style: from random
 * pairs, nearly all of which are non-matches. The exact level is computed from the value
 * frequencies instead, which is exact even for fields where random pairs almost never agree.
 * A level no random pair reached counts as half a pair.
 */
export function estimateU(
  comparisons: readonly Comparison[],
  n: number,
  options: UOptions = {},
): RandomPairSample {
  const maxPairs = options.maxPairs ?? 1_000_000;
  const levelCounts = comparisons.map((c) => new Float64Array(c.labels.length));
  const levelOf = comparisons.map((c) => c.level);
  const codesOf = comparisons.map((c) => c.field.codes);
  const agreements = new Map<number, number>();
  const digit = comparisons.map((_, f) => (f < AGREEMENT_FIELDS ? 4 ** f : 0));
  const tally = (i: number, j: number): void => {
    let key = 0;
    for (let f = 0; f < levelOf.length; f++) {
      const codes = codesOf[f];
      const a = codes[i];
      const b = codes[j];
      const level = a < 0 || b < 0 ? 0 : a === b ? 1 : levelOf[f](i, j);
      levelCounts[f][level]++;
      if (level === 1 || level === 2) key += level * digit[f];
    }
    if (key !== 0) agreements.set(key, (agreements.get(key) ?? 0) + 1);
  };
  const all = (n * (n - 1)) / 2;
  let pairs = 0;
  if (all <= maxPairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) tally(i, j);
    pairs = all;
  } else {
    const random = seededRandom(options.seed ?? 42);
    for (let s = 0; s < maxPairs; s++) {
      const i = Math.floor(random() * n);
      const j = Math.floor(random() * (n - 1));
      tally(i, j >= i ? j + 1 : j);
    }
    pairs = maxPairs;
  }
  const u = comparisons.map((c, f) => {
    const levels = levelCounts[f];
    const nonNull = c.field.nonNull;
    const exact = Math.max(exactAgreementRate(c), 1 / Math.max(2, nonNull * (nonNull - 1)));
    let rest = 0;
    for (let level = 2; level < levels.length; level++) rest += Math.max(levels[level], 0.5);
    const out = [1, exact];
    for (let level = 2; level < levels.length; level++)
      out.push(((1 - exact) * Math.max(levels[level], 0.5)) / rest);
    return out;
  });
  return { u, pairs, levelCounts, agreements };
}
