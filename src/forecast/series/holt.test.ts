import { describe, expect, it } from "vitest";
import { fitHolt } from "./holt.ts";

const line = Array.from({ length: 24 }, (_, t) => 10 + 3 * t);

describe("Holt's linear method", () => {
  it("continues an exact linear trend", () => {
    const { forecast } = fitHolt(line, 4, false);
    forecast.forEach((value, h) => {
      expect(value).toBeCloseTo(10 + 3 * (24 + h), 4);
    });
  });

  it("damped: flattens the trend, with each step adding less than the last", () => {
    const fit = fitHolt(line, 10, true);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
    const steps = fit.forecast.slice(1).map((v, h) => v - fit.forecast[h]);
    steps.slice(1).forEach((step, h) => {
      expect(step).toBeLessThan(steps[h]);
    });
    expect(fit.forecast[0]).toBeCloseTo(10 + 3 * 24, 0);
  });

  it("keeps 0 < β ≤ α < 1 and interval factors that start at 1 and grow", () => {
    const fit = fitHolt([5, 7, 6, 9, 8, 11, 10, 13, 12, 15], 5, true);
    expect(fit.alpha).toBeLessThan(1);
    expect(fit.beta).toBeLessThanOrEqual(fit.alpha);
    expect(fit.varianceFactors[0]).toBe(1);
    fit.varianceFactors.slice(1).forEach((factor, h) => {
      expect(factor).toBeGreaterThan(fit.varianceFactors[h]);
    });
  });
});
