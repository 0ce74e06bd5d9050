import { describe, expect, it } from "vitest";
import { fitDynamicTheta } from "./dynamic-theta.ts";
import { fitTheta, linearSlope } from "./theta.ts";

const line = Array.from({ length: 30 }, (_, t) => 50 + 2 * t);

describe("linearSlope", () => {
  it("is the least-squares slope", () => {
    expect(linearSlope([1, 3, 2, 6])).toBeCloseTo(1.4, 12);
  });
});

describe("Theta (SES with drift)", () => {
  it("continues a linear trend approximately", () => {
    const { forecast } = fitTheta(line, 6);
    // Theta extrapolates half the slope on top of a level that chases the data: close to the line.
    forecast.forEach((value, h) => {
      expect(Math.abs(value - (50 + 2 * (30 + h)))).toBeLessThan(2 * (h + 1));
    });
    expect(forecast[5]).toBeGreaterThan(forecast[0]);
  });

  it("forecasts a constant series as that constant", () => {
    const { forecast } = fitTheta(new Array(20).fill(4), 3);
    forecast.forEach((value) => {
      expect(value).toBeCloseTo(4, 6);
    });
  });
});

describe("dynamic optimised Theta", () => {
  it("continues a linear trend", () => {
    const { forecast } = fitDynamicTheta(line, 6);
    forecast.forEach((value, h) => {
      expect(value).toBeCloseTo(50 + 2 * (30 + h), 0);
    });
  });

  it("forecasts a constant series as that constant", () => {
    const { forecast } = fitDynamicTheta(new Array(20).fill(4), 3);
    forecast.forEach((value) => {
      expect(value).toBeCloseTo(4, 6);
    });
  });
});
