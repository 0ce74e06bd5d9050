import { describe, expect, it } from "vitest";
import { forecastSeries } from "./forecast-series.ts";
import { SERIES_METHODS } from "./series.types.ts";

const allFinite = (xs: number[]) => xs.every((x) => Number.isFinite(x));

const awkward: Record<string, number[]> = {
  "one value": [42],
  "two values": [5, 7],
  "five values": [3, 1, 4, 1, 5],
  constant: new Array(40).fill(7),
  zeros: new Array(40).fill(0),
  negative: Array.from({ length: 40 }, (_, t) => -100 + t + 5 * Math.sin(t)),
  "sign changes": Array.from({ length: 40 }, (_, t) => (t % 3) - 1),
  "zeros then a spike": [...new Array(39).fill(0), 1000],
  intermittent: Array.from({ length: 40 }, (_, t) => (t % 5 === 0 ? 10 : 0)),
  "huge values": Array.from({ length: 40 }, (_, t) => 1e300 * (1 + t / 10)),
};

describe("forecastSeries robustness", () => {
  for (const [name, values] of Object.entries(awkward)) {
    it(`${name}: every method returns H finite values with lower ≤ forecast ≤ upper`, () => {
      for (const method of SERIES_METHODS) {
        const result = forecastSeries(values, { horizon: 6, method, level: 95 });
        expect(result.forecast).toHaveLength(6);
        expect(allFinite([...result.forecast, ...result.lower, ...result.upper])).toBe(true);
        result.forecast.forEach((value, h) => {
          expect(result.lower[h]).toBeLessThanOrEqual(value * (1 + 1e-12) + 1e-12);
          expect(result.upper[h]).toBeGreaterThanOrEqual(value * (1 - 1e-12) - 1e-12);
        });
      }
    });
  }

  it("forecasts a constant series as that constant, with a zero-width interval", () => {
    const result = forecastSeries(new Array(30).fill(250), { horizon: 3 });
    result.forecast.forEach((value) => {
      expect(value).toBeCloseTo(250, 6);
    });
    result.upper.forEach((value, h) => {
      expect(value - result.lower[h]).toBeCloseTo(0, 6);
    });
  });

  it("falls back to naive for a single observation", () => {
    expect(forecastSeries([9], { horizon: 2 })).toMatchObject({ method: "naive", forecast: [9, 9] });
  });

  it("keeps auto's bounds positive for positive data (it models the log)", () => {
    const values = Array.from({ length: 48 }, (_, t) => 5 + 4 * Math.sin(t * 1.7));
    expect(Math.min(...forecastSeries(values, { horizon: 18, level: 99 }).lower)).toBeGreaterThan(0);
  });
});

describe("forecastSeries auto", () => {
  it("follows a seasonal, growing series", () => {
    const pattern = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7];
    const values = Array.from({ length: 60 }, (_, t) => 1000 * 1.01 ** t * pattern[t % 12]);
    const { forecast } = forecastSeries(values, { horizon: 12 });
    forecast.forEach((value, h) => {
      const truth = 1000 * 1.01 ** (60 + h) * pattern[h];
      expect(Math.abs(value - truth) / truth).toBeLessThan(0.05);
    });
  });

  it("widens the interval with the horizon and with the level", () => {
    const values = Array.from({ length: 36 }, (_, t) => 100 + t + 10 * Math.cos(t * 2.1));
    const at80 = forecastSeries(values, { horizon: 12, level: 80 });
    const at95 = forecastSeries(values, { horizon: 12, level: 95 });
    const width = (r: typeof at80, h: number) => r.upper[h] - r.lower[h];
    expect(width(at80, 11)).toBeGreaterThan(width(at80, 0));
    expect(width(at95, 0)).toBeGreaterThan(width(at80, 0));
  });
});

describe("forecastSeries validation", () => {
  it.each([
    [{ horizon: 0 }, "horizon"],
    [{ horizon: 1.5 }, "horizon"],
    [{ horizon: 3, season: 0 }, "season"],
    [{ horizon: 3, level: 100 }, "level"],
    [{ horizon: 3, method: "prophet" as never }, "method"],
  ])("rejects %o naming %s", (options, field) => {
    expect(() => forecastSeries([1, 2, 3], options)).toThrow(expect.objectContaining({ field }));
  });

  it("rejects empty and non-finite input", () => {
    expect(() => forecastSeries([], { horizon: 1 })).toThrow(/at least one/);
    expect(() => forecastSeries([1, Number.NaN], { horizon: 1 })).toThrow(/values\[1\]/);
  });
});
