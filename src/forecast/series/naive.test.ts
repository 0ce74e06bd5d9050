import { describe, expect, it } from "vitest";
import { forecastSeries } from "./forecast-series.ts";
import { fitNaive, fitSeasonalNaive } from "./naive.ts";

const pattern = [5, 3, 8, 2, 9, 4, 6, 7, 1, 10, 12, 11];

describe("naive", () => {
  it("repeats the last value, with error variance growing linearly in h", () => {
    const fit = fitNaive([1, 3, 2, 4], 3);
    expect(fit.forecast).toEqual([4, 4, 4]);
    expect(fit.varianceFactors).toEqual([1, 2, 3]);
    // one-step changes 2, −1, 2 → σ = √(9 / 3)
    expect(fit.sigma).toBeCloseTo(Math.sqrt(3), 12);
  });
});

describe("seasonal naive", () => {
  it("is exact on a perfectly seasonal series, across more than one cycle", () => {
    const history = [...pattern, ...pattern, ...pattern];
    const fit = fitSeasonalNaive(history, 18, 12);
    expect(fit.forecast).toEqual([...pattern, ...pattern.slice(0, 6)]);
    expect(fit.sigma).toBe(0);
  });

  it("falls back to the naive forecast when the history is shorter than a season", () => {
    expect(fitSeasonalNaive([1, 2, 3], 2, 12).forecast).toEqual([3, 3]);
  });
});

describe("naive2", () => {
  it("continues a multiplicative seasonal pattern around a level", () => {
    const history = Array.from({ length: 48 }, (_, t) => 100 * (pattern[t % 12] / 6.5));
    const { forecast } = forecastSeries(history, { horizon: 12, method: "naive2" });
    forecast.forEach((value, h) => {
      expect(value).toBeCloseTo(history[36 + h], 6);
    });
  });

  it("is the plain naive forecast on a non-seasonal series", () => {
    const { forecast } = forecastSeries([10, 12, 11, 13, 12], { horizon: 2, method: "naive2" });
    expect(forecast).toEqual([12, 12]);
  });
});
