import { describe, expect, it } from "vitest";
import {
  adjustForSeasonality,
  autocorrelations,
  isSeasonal,
  multiplicativeSeasonalIndices,
} from "./seasonality.ts";

const pattern = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7];
const seasonalSeries = (years: number, noise: (t: number) => number = () => 0) =>
  Array.from({ length: 12 * years }, (_, t) => (100 + t) * pattern[t % 12] * (1 + noise(t)));

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32) so the test never flakes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("isSeasonal", () => {
  it("detects a monthly pattern", () => {
    expect(isSeasonal(seasonalSeries(5), 12)).toBe(true);
  });

  it("rejects white noise", () => {
    const next = random(7);
    const noise = Array.from({ length: 120 }, () => 100 + next() - 0.5);
    expect(isSeasonal(noise, 12)).toBe(false);
  });

  it("needs three full cycles before it will call a series seasonal", () => {
    expect(isSeasonal(seasonalSeries(2), 12)).toBe(false);
  });
});

describe("autocorrelations", () => {
  it("matches the textbook estimator on a tiny series", () => {
    // mean 2.5, deviations −1.5 −0.5 0.5 1.5: r1 = (0.75 − 0.25 + 0.75) / 5 = 0.25
    expect(autocorrelations([1, 2, 3, 4], 1)[0]).toBeCloseTo(0.25, 12);
  });
});

describe("multiplicativeSeasonalIndices", () => {
  it("recovers the pattern of a clean multiplicative series (mean 1)", () => {
    const indices = multiplicativeSeasonalIndices(seasonalSeries(6), 12);
    const mean = pattern.reduce((a, b) => a + b, 0) / 12;
    indices.forEach((index, i) => {
      expect(index).toBeCloseTo(pattern[i] / mean, 2);
    });
  });

  it("shrinks noisy indices towards 1 but barely touches a clean pattern", () => {
    const clean = multiplicativeSeasonalIndices(seasonalSeries(6), 12);
    const shrunkClean = multiplicativeSeasonalIndices(seasonalSeries(6), 12, true);
    shrunkClean.forEach((index, i) => {
      expect(index).toBeCloseTo(clean[i], 3);
    });

    const next = random(3);
    const weak = Array.from(
      { length: 72 },
      (_, t) => 100 * (1 + 0.02 * Math.sin(t)) * (1 + 0.3 * (next() - 0.5)),
    );
    const raw = multiplicativeSeasonalIndices(weak, 12);
    const shrunk = multiplicativeSeasonalIndices(weak, 12, true);
    const spread = (xs: number[]) => xs.reduce((s, x) => s + (x - 1) ** 2, 0);
    expect(spread(shrunk)).toBeLessThan(spread(raw));
  });
});

describe("adjustForSeasonality", () => {
  it("leaves series with zeros or negatives alone (multiplicative indices need positive data)", () => {
    const series = seasonalSeries(5).map((v, t) => (t === 3 ? 0 : v));
    const adjustment = adjustForSeasonality(series, 12, 6);
    expect(adjustment.seasonal).toBe(false);
    expect(adjustment.futureIndices).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("gives future indices that continue the cycle", () => {
    const adjustment = adjustForSeasonality(seasonalSeries(5), 12, 13);
    expect(adjustment.seasonal).toBe(true);
    expect(adjustment.futureIndices[12]).toBeCloseTo(adjustment.futureIndices[0], 12);
    expect(adjustment.futureIndices[0]).toBeCloseTo(0.8 / (pattern.reduce((a, b) => a + b) / 12), 2);
  });
});
