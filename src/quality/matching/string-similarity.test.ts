import { describe, expect, it } from "vitest";
import { seededRandom } from "../../model/seeded-random.ts";
import {
  HISTOGRAM_SIZE,
  isAdjacentTransposition,
  jaro,
  jaroWinkler,
  jaroWinklerBound,
  levenshtein,
  levenshteinBound,
  withinOneEdit,
  writeHistogram,
} from "./string-similarity.ts";

describe("Jaro–Winkler", () => {
  it("matches the published reference values", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 4);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
    expect(jaro("martha", "marhta")).toBeCloseTo(0.9444, 4);
  });

  it("caps the common prefix at four characters", () => {
    // Jaro 0.8667 boosted by a 4-character prefix, not 5: 0.8667 + 0.4 × 0.1333 = 0.92.
    expect(jaroWinkler("abcdx", "abcdy")).toBeCloseTo(0.92, 4);
  });

  it("handles identical, empty and unrelated strings", () => {
    expect(jaroWinkler("same", "same")).toBe(1);
    expect(jaroWinkler("", "abc")).toBe(0);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    expect(jaroWinkler("a", "b")).toBe(0);
  });

  it("never exceeds its histogram bound", () => {
    const random = seededRandom(7);
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => "abcdefghij "[Math.floor(random() * 11)],
      ).join("");
    for (let k = 0; k < 2000; k++) {
      const a = word();
      const b = word();
      const histograms = new Uint8Array(2 * HISTOGRAM_SIZE);
      writeHistogram(a, histograms, 0);
      writeHistogram(b, histograms, HISTOGRAM_SIZE);
      expect(jaroWinklerBound(a, b, histograms, 0, HISTOGRAM_SIZE)).toBeGreaterThanOrEqual(
        jaroWinkler(a, b) - 1e-12,
      );
      expect(levenshteinBound(histograms, 0, HISTOGRAM_SIZE)).toBeLessThanOrEqual(levenshtein(a, b));
      expect(withinOneEdit(a, b)).toBe(levenshtein(a, b) <= 1);
    }
  });
});

describe("edit checks", () => {
  it("finds one edit and adjacent transpositions", () => {
    expect(withinOneEdit("4011", "4012")).toBe(true);
    expect(withinOneEdit("4011", "401")).toBe(true);
    expect(withinOneEdit("4011", "40111")).toBe(true);
    expect(withinOneEdit("4011", "4102")).toBe(false);
    expect(isAdjacentTransposition("1234", "1243")).toBe(true);
    expect(isAdjacentTransposition("1234", "2134")).toBe(true);
    expect(isAdjacentTransposition("1234", "1324")).toBe(true);
    expect(isAdjacentTransposition("1234", "4231")).toBe(false);
    expect(isAdjacentTransposition("1234", "1234")).toBe(false);
  });
});
