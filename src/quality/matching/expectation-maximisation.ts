import type { PatternTable } from "./comparison-patterns.ts";

export interface EmInput {
  patterns: PatternTable;
  /** Pairs per pattern in this training session. */
  counts: Float64Array;
  /** Fixed u per field and level (index 0, the missing level, is ignored). */
  u: readonly (readonly number[])[];
  /** Fields whose m is learnt; the rest (the blocking rule's own fields) are left out. */
  active: readonly boolean[];
  /** Per pattern, a log2 correction of the non-match likelihood (see field-dependence.ts). */
  corrections?: Float64Array;
  /**
   * Also learn u among this session's pairs (starting from the random-pair u): non-matches
   * that share a blocking key can agree on fields that depend on it (postcode → city).
   */
  learnU?: boolean;
  maxIterations?: number;
  tolerance?: number;
}

export interface EmResult {
  m: number[][];
  /** Share of this session's pairs that are matches. */
  lambda: number;
  iterations: number;
  pairs: number;
}

/** A neutral start: exact agreement likely among matches, "different" unlikely. */
export function initialM(levelCount: number): number[] {
  const k = levelCount - 1;
  if (k <= 1) return [1, 1];
  if (k === 2) return [1, 0.9, 0.1];
  const middle = 0.15 / (k - 2);
  return [1, 0.8, ...new Array<number>(k - 2).fill(middle), 0.05];
}

// A Dirichlet prior worth one pair, shaped like u: a level that no training pair reached gets a
// small m instead of 0, and a level seen as rarely among matches as among non-matches stays
// near weight 0 instead of being inflated by smoothing.
const PRIOR_PAIRS = 1;
// The random-pair u counts as this many pairs when u is learnt within a session.
const U_PRIOR_PAIRS = 10;

/**
 * Expectation–maximisation of the two-class Fellegi–Sunter mixture over the patterns of one
 * session: m and λ learnt; u starts from the random-pair estimate and is learnt too unless
 * `learnU` is false. The session's u only serves to learn m; scoring uses the random-pair u.
 */
export function expectationMaximisation(input: EmInput): EmResult {
  const { patterns, counts, u, active } = input;
  const F = patterns.fieldCount;
  const maxIterations = input.maxIterations ?? 100;
  const tolerance = input.tolerance ?? 1e-5;
  const levelCounts = u.map((levels) => levels.length);
  const m = levelCounts.map(initialM);
  const learnU = input.learnU ?? true;
  const sessionU = u.map((levels) => [...levels]);
  let logU = sessionU.map((levels) => levels.map((p) => Math.log(p)));
  let pairs = 0;
  for (const c of counts) pairs += c;
  let lambda = 0.3;
  let iterations = 0;
  while (iterations < maxIterations && pairs > 0) {
    iterations++;
    const logM = m.map((levels) => levels.map((p) => Math.log(p)));
    const acc = levelCounts.map((k) => new Float64Array(k));
    const accU = levelCounts.map((k) => new Float64Array(k));
    let matched = 0;
    const logPrior = Math.log(lambda) - Math.log(1 - lambda);
    for (let p = 0; p < patterns.count; p++) {
      const c = counts[p];
      if (c === 0) continue;
      let logRatio = logPrior + (input.corrections ? input.corrections[p] * Math.LN2 : 0);
      const base = p * F;
      for (let f = 0; f < F; f++) {
        const level = patterns.levels[base + f];
        if (level !== 0 && active[f]) logRatio += logM[f][level] - logU[f][level];
      }
      const w = c / (1 + Math.exp(-logRatio));
      matched += w;
      for (let f = 0; f < F; f++) {
        acc[f][patterns.levels[base + f]] += w;
        accU[f][patterns.levels[base + f]] += c - w;
      }
    }
    let change = Math.abs(matched / pairs - lambda);
    lambda = Math.min(1 - 1e-9, Math.max(1e-9, matched / pairs));
    for (let f = 0; f < F; f++) {
      if (!active[f]) continue;
      const k = levelCounts[f];
      let total = PRIOR_PAIRS;
      for (let level = 1; level < k; level++) total += acc[f][level];
      for (let level = 1; level < k; level++) {
        const next = (acc[f][level] + PRIOR_PAIRS * u[f][level]) / total;
        change = Math.max(change, Math.abs(next - m[f][level]));
        m[f][level] = next;
      }
    }
    if (learnU) {
      for (let f = 0; f < F; f++) {
        if (!active[f]) continue;
        const k = levelCounts[f];
        let total = U_PRIOR_PAIRS;
        for (let level = 1; level < k; level++) total += accU[f][level];
        for (let level = 1; level < k; level++)
          sessionU[f][level] = (accU[f][level] + U_PRIOR_PAIRS * u[f][level]) / total;
      }
      logU = sessionU.map((levels) => levels.map((p) => Math.log(p)));
    }
    if (change < tolerance) break;
  }
  return { m, lambda, iterations, pairs };
}
