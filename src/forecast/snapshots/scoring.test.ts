import { describe, expect, it } from "vitest";
import { scoreForecastPoints } from "./scoring.ts";

describe("snapshot scoring (by hand)", () => {
  it("scores accuracy per period, and MAPE, bias and mean accuracy over the scored ones", () => {
    // Q1: forecast 90 of actual 100 → error −0.10, accuracy 0.90.
    // Q2: forecast 260 of actual 200 → error +0.30, accuracy 0.70.
    // Q3: forecast 450 of actual 150 → error +2.00, accuracy floored at 0.
    // Q4: no forecast; Q5: actual 0 — neither is scored.
    // MAPE = (0.1 + 0.3 + 2) / 3 = 0.8; bias = (−0.1 + 0.3 + 2) / 3 = 0.7333…; accuracy = (0.9 + 0.7 + 0) / 3 = 0.5333…
    const { points, score } = scoreForecastPoints([
      { period: "Q1", forecast: 90, actual: 100 },
      { period: "Q2", forecast: 260, actual: 200 },
      { period: "Q3", forecast: 450, actual: 150 },
      { period: "Q4", forecast: null, actual: 120 },
      { period: "Q5", forecast: 10, actual: 0 },
    ]);
    expect(points[0].accuracy).toBeCloseTo(0.9, 12);
    expect(points[0].error).toBeCloseTo(-0.1, 12);
    expect(points[1].accuracy).toBeCloseTo(0.7, 12);
    expect(points[2].accuracy).toBe(0);
    expect(points[3].accuracy).toBeNull();
    expect(points[4].accuracy).toBeNull();
    expect(score.periods).toBe(3);
    expect(score.mape).toBeCloseTo(0.8, 12);
    expect(score.bias).toBeCloseTo(2.2 / 3, 12);
    expect(score.accuracy).toBeCloseTo(1.6 / 3, 12);
  });

  it("has no score without a scored period", () => {
    expect(scoreForecastPoints([{ period: "Q1", forecast: null, actual: 5 }]).score).toEqual({
      periods: 0,
      mape: null,
      bias: null,
      accuracy: null,
    });
  });
});
