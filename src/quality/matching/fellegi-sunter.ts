import type { BlockingRule } from "./blocking-rules.ts";
import type { Comparison } from "./compare.ts";
import type { ComparedPairs, PatternTable } from "./comparison-patterns.ts";
import { expectationMaximisation, initialM } from "./expectation-maximisation.ts";
import {
  type DependenceModel,
  type DependenceTable,
  dependenceTable,
  patternCorrections,
} from "./field-dependence.ts";
import type { FieldType } from "./field-types.ts";
import type { PairList } from "./pair-list.ts";
import type { RandomPairSample } from "./u-probabilities.ts";

export interface FieldModel {
  readonly name: string;
  readonly type: FieldType;
  /** Level labels; index 0 is "missing", which carries no weight. */
  readonly labels: readonly string[];
  /** P(level | match) and P(level | non-match) per level. */
  readonly m: readonly number[];
  readonly u: readonly number[];
}

export interface TrainingSession {
  readonly rule: string;
  readonly pairs: number;
  readonly lambda: number;
  readonly iterations: number;
}

export interface MatchModel {
  readonly fields: readonly FieldModel[];
  /** Probability that two records drawn at random are the same entity. */
  readonly prior: number;
  readonly sessions: readonly TrainingSession[];
  /** How fields agree together among random pairs, to correct for dependent fields. */
  readonly dependence: DependenceTable | null;
}

export const dependenceModel = (model: Pick<MatchModel, "fields" | "prior">): DependenceModel => ({
  m: model.fields.map((f) => f.m),
  prior: model.prior,
});

/** Match weight of a level: log2(m / u), the evidence it adds for "same entity". */
export const matchWeight = (m: number, u: number): number => Math.log2(m / u);

export const probabilityFromWeight = (weight: number): number => 1 / (1 + 2 ** -weight);

export const logOdds = (p: number): number => Math.log2(p / (1 - p));

/** Sum of the field weights of every pattern, dependence corrections included, prior not. */
export function patternWeights(model: MatchModel, patterns: PatternTable): Float64Array {
  const F = patterns.fieldCount;
  const table = model.fields.map((f) =>
    f.m.map((m, level) => (level === 0 ? 0 : matchWeight(m, f.u[level]))),
  );
  const weights = patternCorrections(model.dependence, dependenceModel(model), patterns);
  for (let p = 0; p < patterns.count; p++) {
    let w = weights[p];
    for (let f = 0; f < F; f++) w += table[f][patterns.levels[p * F + f]];
    weights[p] = w;
  }
  return weights;
}

/**
 * Expected number of matching pairs among all n(n-1)/2 pairs, by a fixed point over the
 * candidate pairs (pairs outside every block are taken as non-matches): M = Σ P(match | γ, M).
 */
function estimatePrior(weights: Float64Array, patternCounts: Float64Array, n: number, start: number): number {
  const all = Math.max(1, (n * (n - 1)) / 2);
  let prior = Math.min(0.5, Math.max(1 / all, start / all));
  for (let iteration = 0; iteration < 200; iteration++) {
    const odds = logOdds(prior);
    let expected = 0;
    for (let p = 0; p < weights.length; p++)
      expected += patternCounts[p] * probabilityFromWeight(odds + weights[p]);
    const next = Math.min(0.5, Math.max(1 / all, expected / all));
    if (Math.abs(next - prior) <= prior * 1e-7) return next;
    prior = next;
  }
  return prior;
}

export interface TrainInput {
  comparisons: readonly Comparison[];
  rules: readonly BlockingRule[];
  pairs: PairList;
  compared: ComparedPairs;
  sample: RandomPairSample;
  recordCount: number;
}

/**
 * Random pairs are themselves a mixture: P(level) = λ·m + (1 − λ)·u. Where duplicates are
 * dense (λ not negligible) the raw random-pair rates overstate u, most for exact agreement;
 * this removes the matches' share, keeping at least a twentieth of the raw rate.
 */
export function correctU(
  raw: readonly (readonly number[])[],
  fields: readonly FieldModel[],
  prior: number,
): number[][] {
  return raw.map((levels, f) => {
    const corrected = levels.map((r, level) =>
      level === 0 ? 1 : Math.max(r / 20, (r - prior * fields[f].m[level]) / (1 - prior)),
    );
    const total = corrected.reduce((sum, v, level) => (level === 0 ? sum : sum + v), 0);
    return corrected.map((v, level) => (level === 0 ? 1 : v / total));
  });
}

/** Pairs per pattern, over all candidate pairs and per blocking rule. */
function patternCounts(rules: readonly BlockingRule[], pairs: PairList, compared: ComparedPairs) {
  const P = compared.patterns.count;
  const perRule = rules.map(() => new Float64Array(P));
  const all = new Float64Array(P);
  for (let p = 0; p < pairs.length; p++) {
    const pattern = compared.pairPatterns[p];
    all[pattern]++;
    let mask = pairs.rules[p];
    while (mask !== 0) {
      const k = 31 - Math.clz32(mask);
      perRule[k][pattern]++;
      mask &= ~(1 << k);
    }
  }
  return { perRule, all };
}

/**
 * Learns m per field by one EM session per blocking rule, Splink style: a session trains on the
 * pairs its rule produces and leaves out the rule's own fields (they agree by construction
 * there). A field's m is the average over the sessions that learnt it, weighted by each
 * session's expected matches; a field no session could learn keeps the neutral start.
 */
function trainSessions(
  input: TrainInput,
  perRule: readonly Float64Array[],
  u: readonly (readonly number[])[],
  previous: MatchModel | null,
) {
  const { comparisons, rules, compared } = input;
  const sums = comparisons.map((c) => new Float64Array(c.labels.length));
  const weightOf = new Float64Array(comparisons.length);
  const sessions: TrainingSession[] = [];
  let expectedMatches = 0;
  rules.forEach((rule, k) => {
    const active = comparisons.map((_, f) => !rule.fields.includes(f));
    const corrections = previous
      ? patternCorrections(previous.dependence, dependenceModel(previous), compared.patterns, active)
      : undefined;
    const result = expectationMaximisation({
      patterns: compared.patterns,
      counts: perRule[k],
      u,
      active,
      corrections,
    });
    sessions.push({
      rule: rule.label,
      pairs: result.pairs,
      lambda: result.lambda,
      iterations: result.iterations,
    });
    const matches = result.lambda * result.pairs;
    expectedMatches = Math.max(expectedMatches, matches);
    active.forEach((on, f) => {
      if (!on) return;
      weightOf[f] += matches;
      result.m[f].forEach((m, level) => {
        sums[f][level] += m * matches;
      });
    });
  });
  const fields: FieldModel[] = comparisons.map((c, f) => ({
    name: c.field.name,
    type: c.field.type,
    labels: c.labels,
    m: weightOf[f] > 0 ? Array.from(sums[f], (s) => s / weightOf[f]) : initialM(c.labels.length),
    u: u[f],
  }));
  return { fields, sessions, expectedMatches };
}

/**
 * Trains the model: EM sessions with u from random pairs and fields taken as independent; then
 * the prior by a fixed point; then again with u corrected for the matches among the random
 * pairs (see correctU) and with the dependence corrections (see field-dependence.ts).
 */
export function trainModel(input: TrainInput, rounds = 3): MatchModel {
  const { perRule, all } = patternCounts(input.rules, input.pairs, input.compared);
  const dependence = dependenceTable(input.sample);
  let u: readonly (readonly number[])[] = input.sample.u;
  let model: MatchModel | null = null;
  for (let round = 0; round < rounds; round++) {
    const { fields, sessions, expectedMatches } = trainSessions(input, perRule, u, model);
    const draft: MatchModel = { fields, prior: 0, sessions, dependence: model === null ? null : dependence };
    const prior = estimatePrior(
      patternWeights(draft, input.compared.patterns),
      all,
      input.recordCount,
      expectedMatches,
    );
    model = { ...draft, prior, dependence };
    u = correctU(input.sample.u, fields, prior);
  }
  return model!;
}
