import { describe, expect, it } from "vitest";
import { factorText, percent, quarterKeys } from "./forecast-format.ts";

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
});
