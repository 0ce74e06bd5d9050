import { describe, expect, it } from "vitest";
import { fitSes, minimiseOnInterval } from "./ses.ts";

describe("simple exponential smoothing", () => {
  it("forecasts a constant series as that constant", () => {
    const fit = fitSes([7, 7, 7, 7, 7, 7], 4);
    expect(fit.forecast.map((v) => Number(v.toFixed(9)))).toEqual([7, 7, 7, 7]);
    expect(fit.sigma).toBeCloseTo(0, 9);
  });

  it("chooses α near 1 for a random walk step and near 0 for noise around a mean", () => {
    expect(fitSes([1, 1, 1, 1, 1, 5, 5, 5, 5, 5], 1).alpha).toBeGreaterThan(0.9);
    expect(fitSes([10, 12, 8, 11, 9, 10, 12, 8, 11, 9, 10, 12, 8], 1).alpha).toBeLessThan(0.2);
  });

  it("forecasts a level between the old and new regime after a shift", () => {
    const [forecast] = fitSes([10, 12, 8, 11, 9, 20, 22, 18, 21, 19], 1).forecast;
    expect(forecast).toBeGreaterThan(15);
    expect(forecast).toBeLessThan(22);
  });

  it("has interval variance factors 1 + (h − 1)·α²", () => {
    const fit = fitSes([3, 5, 4, 6, 5, 7, 6], 3);
    expect(fit.varianceFactors[2]).toBeCloseTo(1 + 2 * fit.alpha ** 2, 12);
  });
});

describe("minimiseOnInterval", () => {
  it("finds the minimum of a parabola", () => {
    expect(minimiseOnInterval((x) => (x - 0.37) ** 2, 0, 1)).toBeCloseTo(0.37, 5);
  });
});
