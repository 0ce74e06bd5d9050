import type { Comparison } from "./compare.ts";
import {
  dependenceModel,
  logOdds,
  type MatchModel,
  matchWeight,
  probabilityFromWeight,
} from "./fellegi-sunter.ts";
import { dependenceCorrection, itemBits, itemSet } from "./field-dependence.ts";

/** Everything needed to score or explain any pair of the records a model was trained on. */
export interface Matcher {
  readonly model: MatchModel;
  readonly comparisons: readonly Comparison[];
  /** Term-frequency adjustments per field and value id, or null when switched off. */
  readonly termFrequency: readonly (Float64Array | null)[] | null;
}

export interface FieldEvidence {
  field: string;
  left: string | null;
  right: string | null;
  level: string;
  m: number | null;
  u: number | null;
  /** log2(m/u) plus any term-frequency adjustment; 0 when a value is missing. */
  weight: number;
  termFrequencyAdjustment: number;
}

export interface PairExplanation {
  priorWeight: number;
  fields: FieldEvidence[];
  /** Correction for fields that agree together as a matter of course (postcode and city). */
  dependenceWeight: number;
  weight: number;
  probability: number;
}

/** Match weight of records i and j (prior included), as explainPair computes it, without allocating per field. */
export function pairWeight(matcher: Matcher, i: number, j: number): number {
  const { model, comparisons, termFrequency } = matcher;
  let weight = logOdds(model.prior);
  const table = model.dependence;
  let set = 0;
  for (let f = 0; f < comparisons.length; f++) {
    const c = comparisons[f];
    const a = c.field.codes[i];
    const b = c.field.codes[j];
    const level = a < 0 || b < 0 ? 0 : a === b ? 1 : c.level(i, j);
    if (level === 0) continue;
    const fieldModel = model.fields[f];
    weight += matchWeight(fieldModel.m[level], fieldModel.u[level]);
    if (level === 1) weight += termFrequency?.[f]?.[a] ?? 0;
    if (table) set |= itemBits(table, f, level);
  }
  return table ? weight + dependenceCorrection(table, dependenceModel(model), set) : weight;
}

/** Why records i and j score as they do: each field's level, its m, u and weight. */
export function explainPair(matcher: Matcher, i: number, j: number): PairExplanation {
  const { model, comparisons, termFrequency } = matcher;
  const priorWeight = logOdds(model.prior);
  let weight = priorWeight;
  const levels: number[] = [];
  const fields = comparisons.map((c, f): FieldEvidence => {
    const { codes, values } = c.field;
    const level = c.level(i, j);
    levels.push(level);
    const fieldModel = model.fields[f];
    const adjust = level === 1 ? (termFrequency?.[f]?.[codes[i]] ?? 0) : 0;
    const w = level === 0 ? 0 : matchWeight(fieldModel.m[level], fieldModel.u[level]) + adjust;
    weight += w;
    return {
      field: c.field.name,
      left: codes[i] < 0 ? null : values[codes[i]],
      right: codes[j] < 0 ? null : values[codes[j]],
      level: c.labels[level],
      m: level === 0 ? null : fieldModel.m[level],
      u: level === 0 ? null : fieldModel.u[level],
      weight: w,
      termFrequencyAdjustment: adjust,
    };
  });
  const table = model.dependence;
  const dependenceWeight = table
    ? dependenceCorrection(
        table,
        dependenceModel(model),
        itemSet(table, (f) => levels[f]),
      )
    : 0;
  weight += dependenceWeight;
  return { priorWeight, fields, dependenceWeight, weight, probability: probabilityFromWeight(weight) };
}
