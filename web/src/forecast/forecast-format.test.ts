import { describe, expect, it } from "vitest";
import { factorText, modelRecipe, percent, quarterKeys } from "./forecast-format.ts";

describe("forecast page formatting", () => {
  it("lists this quarter and the next ones across a year end", () => {
    expect(quarterKeys("2026-11-28", 3)).toEqual(["2026-Q4", "2027-Q1", "2027-Q2"]);
    expect(quarterKeys("2026-01-01", 1)).toEqual(["2026-Q1"]);
  });

  it("writes percentages and factors in words", () => {
    expect(percent(0.4567, 1)).toBe("45.7%");
    expect(percent(null)).toBe("—");
    expect(factorText({ label: "Stage", value: "proposal", direction: "raises" })).toBe("Stage: proposal ↑");
  });

  it("says how the model's probabilities are made", () => {
    expect(modelRecipe({ blend: 0.7, calibration: "regression", half_life_days: null })).toBe(
      "Each probability is 70% the model's own probabilities and 30% the stage's win rate; every closed deal counts the same.",
    );
    expect(modelRecipe({ blend: 1, calibration: "isotonic", half_life_days: 180 })).toBe(
      "Each probability is the model, re-calibrated to the newest deals' win rates; a deal closed 180 days earlier counts half.",
    );
    expect(modelRecipe({ blend: null, calibration: null, half_life_days: null })).toBe("");
  });
});
