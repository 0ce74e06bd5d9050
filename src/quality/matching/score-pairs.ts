import type { Comparison } from "./compare.ts";
import type { ComparedPairs } from "./comparison-patterns.ts";
import { logOdds, type MatchModel, patternWeights } from "./fellegi-sunter.ts";
import { isNameType } from "./field-types.ts";
import type { PairList } from "./pair-list.ts";

/** Weights a rare value's exact agreement may move by, at most, either way. */
const TF_LIMIT = 6;

/**
 * Term-frequency adjustments (Splink's): agreeing on a rare surname is stronger evidence than
 * agreeing on "smith". For a value v with frequency p_v, exact agreement weighs log2(m / p_v)
 * instead of log2(m / u), so the adjustment is log2(u / p_v), clipped to ±TF_LIMIT. Applied to
 * name, text, address and company fields; ids, emails, phones and dates are near-unique anyway.
 */
export function termFrequencyAdjustments(
  model: MatchModel,
  comparisons: readonly Comparison[],
): (Float64Array | null)[] {
  return comparisons.map((c, f) => {
    const t = c.field.type;
    if (!(isNameType(t) || t === "text" || t === "address" || t === "company")) return null;
    const uExact = model.fields[f].u[1];
    const n = Math.max(1, c.field.nonNull);
    return Float64Array.from(c.field.counts, (count) =>
      count === 0 ? 0 : Math.max(-TF_LIMIT, Math.min(TF_LIMIT, Math.log2(uExact / (count / n)))),
    );
  });
}

/** Match weight (prior included) of every candidate pair; probability = 1 / (1 + 2^-weight). */
export function scorePairs(
  model: MatchModel,
  comparisons: readonly Comparison[],
  pairs: PairList,
  compared: ComparedPairs,
  tf: readonly (Float64Array | null)[] | null,
): Float64Array {
  const { patterns, pairPatterns } = compared;
  const byPattern = patternWeights(model, patterns);
  const prior = logOdds(model.prior);
  const scores = new Float64Array(pairs.length);
  const adjusted = (tf ?? []).flatMap((adjust, f) =>
    adjust ? [{ f, adjust, codes: comparisons[f].field.codes }] : [],
  );
  const F = patterns.fieldCount;
  for (let p = 0; p < pairs.length; p++) {
    const pattern = pairPatterns[p];
    let weight = prior + byPattern[pattern];
    for (const { f, adjust, codes } of adjusted) {
      if (patterns.levels[pattern * F + f] === 1) weight += adjust[codes[pairs.left[p]]];
    }
    scores[p] = weight;
  }
  return scores;
}
