import { describe, expect, it } from "vitest";
import { componentInterval, normalQuantile } from "./intervals.ts";

describe("normalQuantile", () => {
  it("matches published z values", () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323, 6);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe("componentInterval", () => {
  it("widens with the variance factor: ± z·σ·√factor", () => {
    const { lower, upper } = componentInterval({ forecast: [10, 10], sigma: 2, varianceFactors: [1, 4] }, 95);
    expect(upper[0] - 10).toBeCloseTo(1.959964 * 2, 5);
    expect(upper[1] - 10).toBeCloseTo(1.959964 * 4, 5);
    expect(10 - lower[1]).toBeCloseTo(upper[1] - 10, 12);
  });
});
