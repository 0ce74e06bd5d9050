import { doubleMetaphone } from "double-metaphone";

export { distance as levenshtein } from "fastest-levenshtein";

// Scratch flags reused across calls: the comparison loop calls jaroWinkler tens of millions of
// times, so it must not allocate. (We do not use an npm Jaro–Winkler: the popular ones either
// allocate per call or, like @skyra/jaro-winkler 1.1.1, count a 5-character common prefix.)
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro similarity in [0, 1]; transpositions are counted as in jellyfish (half, rounded down). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  const fa = flagsA;
  const fb = flagsB;
  for (let i = 0; i < la; i++) fa[i] = 0;
  for (let j = 0; j < lb; j++) fb[j] = 0;
  const window = Math.max(0, (la > lb ? la >> 1 : lb >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(i + window + 1, lb);
    for (let j = i > window ? i - window : 0; j < end; j++) {
      if (fb[j] === 0 && b.charCodeAt(j) === code) {
        fa[i] = 1;
        fb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (fa[i] === 0) continue;
    while (fb[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder >> 1;
  return (matches / la + matches / lb + (matches - transpositions) / matches) / 3;
}

/** Jaro–Winkler similarity: Jaro boosted by a common prefix of up to 4 characters (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return similarity + prefix * 0.1 * (1 - similarity);
}

/** Characters of a string counted in 32 buckets (code mod 32): a cheap bound for Jaro. */
export const HISTOGRAM_SIZE = 32;

export function writeHistogram(value: string, into: Uint8Array, offset: number): void {
  for (let i = 0; i < value.length; i++) {
    const bucket = offset + (value.charCodeAt(i) & 31);
    if (into[bucket] < 255) into[bucket]++;
  }
}

/**
 * An upper bound of jaroWinkler(a, b) from the two strings' histograms: Jaro's matches cannot
 * exceed the characters the strings have in common. Lets the comparison skip the quadratic
 * Jaro–Winkler for the many pairs that are plainly different.
 */
export function jaroWinklerBound(
  a: string,
  b: string,
  histograms: Uint8Array,
  offsetA: number,
  offsetB: number,
): number {
  if (a.length > 255 || b.length > 255) return 1;
  let common = 0;
  for (let k = 0; k < HISTOGRAM_SIZE; k++) {
    const x = histograms[offsetA + k];
    const y = histograms[offsetB + k];
    common += Math.min(x, y);
  }
  if (common === 0) return 0;
  const bound = (common / a.length + common / b.length + 1) / 3;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return Math.min(1, bound + prefix * 0.1 * (1 - bound));
}

/** Levenshtein distance ≤ 1, without building a distance matrix. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) return i >= la - 1 || a.slice(i + 1) === b.slice(i + 1);
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A lower bound of the Levenshtein distance from two histograms: every edit changes the
 * character counts by at most 2 in total.
 */
export function levenshteinBound(histograms: Uint8Array, offsetA: number, offsetB: number): number {
  let difference = 0;
  for (let k = 0; k < HISTOGRAM_SIZE; k++) {
    const d = histograms[offsetA + k] - histograms[offsetB + k];
    difference += d < 0 ? -d : d;
  }
  return difference >> 1;
}

/** True when a and b differ by one adjacent transposition ("1243" vs "1234"). */
export function isAdjacentTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Primary Double Metaphone code: a phonetic key for names ("allen" and "alan" → "ALN"). */
export function phoneticKey(value: string): string {
  return doubleMetaphone(value)[0];
}
