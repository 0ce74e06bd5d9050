import type { EncodedField } from "./encode-fields.ts";
import { isNameType } from "./field-types.ts";
import {
  HISTOGRAM_SIZE,
  isAdjacentTransposition,
  jaroWinkler,
  jaroWinklerBound,
  levenshtein,
  levenshteinBound,
  withinOneEdit,
} from "./string-similarity.ts";

/** Jaro–Winkler cut-offs of the fuzzy levels, as in Splink's default name comparisons. */
export const JW_HIGH = 0.92;
export const JW_LOW = 0.8;

/**
 * How one field of two records compares, as a level: 0 when either value is missing (that
 * level carries no weight), 1 for exact agreement, higher levels are weaker agreement, and the
 * last level is "different".
 */
export interface Comparison {
  readonly field: EncodedField;
  /** Human labels of the levels, index 0 being the missing-value level. */
  readonly labels: readonly string[];
  readonly level: (i: number, j: number) => number;
}

const CACHE_BITS = 16;

/**
 * `tier(a, b)` for two value ids: 2 when Jaro–Winkler ≥ JW_HIGH, 1 when ≥ JW_LOW, else 0. The
 * histogram bound skips most plainly different pairs, and a small direct-mapped cache keeps
 * recent results, since blocks compare the same common names again and again.
 */
function fuzzyTiers(field: EncodedField): (a: number, b: number) => number {
  const { values, histograms } = field;
  const keys = new Float64Array(1 << CACHE_BITS).fill(-1);
  const tiers = new Int8Array(1 << CACHE_BITS);
  const mask = (1 << CACHE_BITS) - 1;
  const size = values.length;
  return (a, b) => {
    const key = a * size + b;
    const slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    if (keys[slot] === key) return tiers[slot];
    const x = values[a];
    const y = values[b];
    let tier = 0;
    if (
      histograms === null ||
      jaroWinklerBound(x, y, histograms, a * HISTOGRAM_SIZE, b * HISTOGRAM_SIZE) >= JW_LOW
    ) {
      const similarity = jaroWinkler(x, y);
      tier = similarity >= JW_HIGH ? 2 : similarity >= JW_LOW ? 1 : 0;
    }
    keys[slot] = key;
    tiers[slot] = tier;
    return tier;
  };
}

function nameComparison(field: EncodedField, fields: readonly EncodedField[]): Comparison {
  const { codes, values, alt } = field;
  const fuzzyTier = fuzzyTiers(field);
  const others = field.nameGroup.map((k) => fields[k].codes);
  const close = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && (x === y || jaroWinkler(values[x], values[y]) >= JW_LOW);
  // Swapped columns ("Hall, Isla" / "Isla, Hall"): this field of one record equals another name
  // field of the other record, and the reverse holds too, at least loosely. One coincidence
  // alone ("James Dixon" / "Isaac James") is not a swap.
  const swapped = (i: number, j: number, a: number, b: number): boolean => {
    if (alt !== null && alt[a] >= 0 && alt[a] === alt[b]) return true;
    for (const other of others) {
      if ((other[j] === a && close(other[i], b)) || (other[i] === b && close(other[j], a))) return true;
    }
    return false;
  };
  return {
    field,
    labels: [
      "missing",
      "exact",
      `Jaro-Winkler ≥ ${JW_HIGH}`,
      "swapped or reordered",
      `Jaro-Winkler ≥ ${JW_LOW}`,
      "different",
    ],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const tier = fuzzyTier(a, b);
      if (tier === 2) return 2;
      if (swapped(i, j, a, b)) return 3;
      return tier === 1 ? 4 : 5;
    },
  };
}

function textComparison(field: EncodedField): Comparison {
  const { codes } = field;
  const fuzzyTier = fuzzyTiers(field);
  return {
    field,
    labels: ["missing", "exact", `Jaro-Winkler ≥ ${JW_HIGH}`, `Jaro-Winkler ≥ ${JW_LOW}`, "different"],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      return 4 - fuzzyTier(a, b);
    },
  };
}

function emailComparison(field: EncodedField): Comparison {
  const { codes, values } = field;
  const histograms = field.histograms!;
  const local = field.alt!;
  const localPart = (email: string): string => email.slice(0, Math.max(0, email.lastIndexOf("@")));
  return {
    field,
    labels: ["missing", "exact", "same local part", "within 2 typos", "different"],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      if (local[a] >= 0 && local[a] === local[b]) return 2;
      // Two typos in "h.k@x.com" vs "f.j@x.com" are two different people: the local parts must
      // also be alike.
      const x = values[a];
      const y = values[b];
      if (x.length - y.length > 2 || y.length - x.length > 2) return 4;
      if (levenshteinBound(histograms, a * HISTOGRAM_SIZE, b * HISTOGRAM_SIZE) > 2) return 4;
      return levenshtein(x, y) <= 2 && jaroWinkler(localPart(x), localPart(y)) >= JW_HIGH ? 3 : 4;
    },
  };
}

function phoneComparison(field: EncodedField): Comparison {
  const { codes, values } = field;
  const lastDigits = field.alt!;
  return {
    field,
    labels: ["missing", "exact", "same last 9 digits", "one digit typo or swap", "different"],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      if (lastDigits[a] === lastDigits[b]) return 2;
      const x = values[a];
      const y = values[b];
      return withinOneEdit(x, y) || isAdjacentTransposition(x, y) ? 3 : 4;
    },
  };
}

function dateComparison(field: EncodedField): Comparison {
  const { codes, values } = field;
  const parts = field.dateParts!;
  return {
    field,
    labels: [
      "missing",
      "exact",
      "one part off or day/month swapped",
      "within 2 typos",
      "same year",
      "different",
    ],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const ya = parts[a * 3];
      const yb = parts[b * 3];
      if (ya < 0 || yb < 0) {
        const typos = levenshtein(values[a], values[b]);
        return typos <= 1 ? 2 : typos <= 2 ? 3 : 5;
      }
      const ma = parts[a * 3 + 1];
      const mb = parts[b * 3 + 1];
      const da = parts[a * 3 + 2];
      const db = parts[b * 3 + 2];
      const same = (ya === yb ? 1 : 0) + (ma === mb ? 1 : 0) + (da === db ? 1 : 0);
      if (same === 2 || (ya === yb && ma === db && da === mb)) return 2;
      // With all three parts different there are at least three typos.
      if (same === 1 && levenshtein(values[a], values[b]) <= 2) return 3;
      return ya === yb ? 4 : 5;
    },
  };
}

function codeComparison(field: EncodedField): Comparison {
  const { codes, values } = field;
  return {
    field,
    labels: ["missing", "exact", "one typo", "different"],
    level(i, j) {
      const a = codes[i];
      const b = codes[j];
      if (a < 0 || b < 0) return 0;
      if (a === b) return 1;
      const x = values[a];
      const y = values[b];
      if (x.length < 3 || y.length < 3) return 3;
      return withinOneEdit(x, y) || isAdjacentTransposition(x, y) ? 2 : 3;
    },
  };
}

/** The comparison for `fields[k]`, chosen by its type. */
export function comparisonFor(fields: readonly EncodedField[], k: number): Comparison {
  const field = fields[k];
  if (isNameType(field.type)) return nameComparison(field, fields);
  switch (field.type) {
    case "email":
      return emailComparison(field);
    case "phone":
      return phoneComparison(field);
    case "date":
      return dateComparison(field);
    case "postcode":
    case "exact":
      return codeComparison(field);
    default:
      return textComparison(field);
  }
}
