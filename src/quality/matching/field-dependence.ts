import type { PatternTable } from "./comparison-patterns.ts";
import { AGREEMENT_FIELDS, type RandomPairSample } from "./u-probabilities.ts";

/**
 * Fellegi–Sunter multiplies the fields' evidence as if they were independent. Some are not:
 * records with the same postcode have the same city, and an email's local part is made of the
 * person's names, so agreeing on both is barely more telling than agreeing on one, yet it would
 * be counted twice. From the random pairs we measure how often agreements occur together, and
 * correct a pattern's weight by log2(Π u_item / u_together) when they occur together more often
 * than independence predicts.
 *
 * An "item" is one field at one of its two strongest levels (exact, or the first fuzzy level),
 * and only items common enough among random pairs to be measured take part; rarer ones (exact
 * emails, phones, ids) are taken as independent. Random pairs include some true matches, which
 * agree together for a different reason; their largest possible share is removed first.
 */
export interface DependenceTable {
  /** The measured items: field and level of each bit. */
  readonly items: readonly { field: number; level: number }[];
  readonly pairs: number;
  /** [set of items (bit mask), random pairs showing all of them and no other measured item] */
  readonly sets: readonly (readonly [number, number])[];
  /** Per item: share of random pairs at it, and share with both values of its field present. */
  readonly rate: Float64Array;
  readonly presentRate: Float64Array;
  /** Random pairs showing at least a given set of items, filled as sets are asked for. */
  readonly joint: Map<number, number>;
}

// An item takes part when at least this many random pairs show it; a set is corrected only when
// at least MIN_SET_PAIRS random pairs show all of it.
const MIN_ITEM_PAIRS = 20;
const MIN_SET_PAIRS = 10;
const MAX_ITEMS = 30;
const MATCH_DOMINANCE = 4;

export function dependenceTable(sample: RandomPairSample): DependenceTable {
  const candidates: { field: number; level: number; count: number }[] = [];
  sample.levelCounts.forEach((levels, field) => {
    if (field >= AGREEMENT_FIELDS) return;
    for (const level of [1, 2]) {
      if (levels.length > level + 1 && levels[level] >= MIN_ITEM_PAIRS) {
        candidates.push({ field, level, count: levels[level] });
      }
    }
  });
  candidates.sort((a, b) => b.count - a.count);
  const items = candidates.slice(0, MAX_ITEMS).map(({ field, level }) => ({ field, level }));
  const bitOf = new Map(items.map((item, bit) => [item.field * 4 + item.level, bit]));
  const merged = new Map<number, number>();
  for (const [key, count] of sample.agreements) {
    let set = 0;
    let rest = key;
    for (let field = 0; rest > 0; field++) {
      const level = rest % 4;
      rest = (rest - level) / 4;
      const bit = bitOf.get(field * 4 + level);
      if (bit !== undefined) set |= 1 << bit;
    }
    if ((set & (set - 1)) !== 0) merged.set(set, (merged.get(set) ?? 0) + count);
  }
  const rate = Float64Array.from(
    items,
    ({ field, level }) => sample.levelCounts[field][level] / sample.pairs,
  );
  const presentRate = Float64Array.from(
    items,
    ({ field }) => (sample.pairs - sample.levelCounts[field][0]) / sample.pairs,
  );
  return { items, pairs: sample.pairs, sets: [...merged], rate, presentRate, joint: new Map() };
}

/** The model's view needed here: m per field and level, and the prior. */
export interface DependenceModel {
  readonly m: readonly (readonly number[])[];
  readonly prior: number;
}

/** log2(Π u_item / u_set) for one set of items, or 0 when too few random pairs show all of it. */
function setCorrection(table: DependenceTable, model: DependenceModel, set: number): number {
  let joint = table.joint.get(set);
  if (joint === undefined) {
    joint = 0;
    for (const [s, count] of table.sets) if ((s & set) === set) joint += count;
    table.joint.set(set, joint);
  }
  // Below this the joint agreement may be mostly true matches (their expected number in the
  // sample is prior · pairs), whose correlation says nothing about non-matches.
  if (joint < MIN_SET_PAIRS || joint < MATCH_DOMINANCE * model.prior * table.pairs) return 0;
  const keep = 1 - model.prior;
  const nonMatch = (rate: number, matchRate: number): number =>
    Math.max(rate / 20, rate - model.prior * matchRate) / keep;
  // Matches' agreements are correlated too (a duplicate usually differs in one or two fields),
  // so their share of the joint agreement is bounded by the rarest item, not the product.
  let independent = 0;
  let matchJoint = 1;
  table.items.forEach(({ field, level }, bit) => {
    if ((set & (1 << bit)) === 0) return;
    const matchRate = model.m[field][level] * table.presentRate[bit];
    independent += Math.log2(nonMatch(table.rate[bit], matchRate));
    matchJoint = Math.min(matchJoint, matchRate);
  });
  return Math.min(0, independent - Math.log2(nonMatch(joint / table.pairs, matchJoint)));
}

/**
 * log2 correction (≤ 0) for a set of measured items: the strongest correction among its pairs
 * and triples of items that the sample can measure (larger sets are too rare among random pairs
 * to measure, and enumerating them all would be exponential).
 */
export function dependenceCorrection(table: DependenceTable, model: DependenceModel, set: number): number {
  const bits: number[] = [];
  for (let bit = 0; bit < table.items.length; bit++) if ((set & (1 << bit)) !== 0) bits.push(bit);
  let best = 0;
  for (let a = 0; a < bits.length; a++) {
    for (let b = a + 1; b < bits.length; b++) {
      const pair = (1 << bits[a]) | (1 << bits[b]);
      const correction = setCorrection(table, model, pair);
      if (correction === 0) continue;
      best = Math.min(best, correction);
      for (let c = b + 1; c < bits.length; c++)
        best = Math.min(best, setCorrection(table, model, pair | (1 << bits[c])));
    }
  }
  return best;
}

/** The bit of the measured item (field, level), or 0 when that item is not measured. */
export function itemBits(table: DependenceTable, field: number, level: number): number {
  let bits = 0;
  table.items.forEach((item, bit) => {
    if (item.field === field && item.level === level) bits |= 1 << bit;
  });
  return bits;
}

/** The measured items shown by a comparison vector (`levelOf(f)` gives field f's level). */
export function itemSet(
  table: DependenceTable,
  levelOf: (field: number) => number,
  active?: readonly boolean[],
): number {
  let set = 0;
  table.items.forEach(({ field, level }, bit) => {
    if (levelOf(field) === level && (active === undefined || active[field])) set |= 1 << bit;
  });
  return set;
}

/** Correction per pattern, counting only the fields in `active`. */
export function patternCorrections(
  table: DependenceTable | null,
  model: DependenceModel,
  patterns: PatternTable,
  active?: readonly boolean[],
): Float64Array {
  const out = new Float64Array(patterns.count);
  if (table === null || table.sets.length === 0) return out;
  const F = patterns.fieldCount;
  const memo = new Map<number, number>();
  for (let p = 0; p < patterns.count; p++) {
    const set = itemSet(table, (f) => patterns.levels[p * F + f], active);
    if ((set & (set - 1)) === 0) continue;
    let correction = memo.get(set);
    if (correction === undefined) {
      correction = dependenceCorrection(table, model, set);
      memo.set(set, correction);
    }
    out[p] = correction;
  }
  return out;
}
