import { describe, expect, it } from "vitest";
import { fitLogistic, logit, sigmoid } from "./logistic.ts";

/** A deterministic pseudo-random stream (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("L2 logistic regression", () => {
  it("recovers the coefficients that generated the data", () => {
    const rnd = random(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [rnd() * 4 - 2, rnd() * 4 - 2];
      x.push(row);
      y.push(rnd() < sigmoid(-0.5 + 1.5 * row[0] - 1 * row[1]) ? 1 : 0);
    }
    const m = fitLogistic(x, y, { lambda: 0.01 });
    expect(m.intercept).toBeCloseTo(-0.5, 1);
    expect(m.weights[0]).toBeCloseTo(1.5, 1);
    expect(m.weights[1]).toBeCloseTo(-1, 1);
  });

  it("stays finite on perfectly separable data thanks to the penalty", () => {
    const x = [[-2], [-1], [1], [2]];
    const m = fitLogistic(x, [0, 0, 1, 1], { lambda: 1 });
    expect(Number.isFinite(m.weights[0])).toBe(true);
    expect(sigmoid(logit(m, [2]))).toBeGreaterThan(0.5);
    expect(sigmoid(logit(m, [-2]))).toBeLessThan(0.5);
  });

  it("row weights count like repeated rows", () => {
    const x = [[0], [1], [1]];
    const repeated = fitLogistic([...x, [1]], [0, 1, 0, 1], { lambda: 0.5 });
    const weighted = fitLogistic(x, [0, 1, 0], { lambda: 0.5, weights: [1, 2, 1] });
    expect(weighted.weights[0]).toBeCloseTo(repeated.weights[0], 8);
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 8);
  });
});
