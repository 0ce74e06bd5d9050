import { describe, expect, it } from "vitest";
import { attainmentText, formatMetric, periodChange, periodLabel } from "./metric-format.ts";

// Node's default locale here is en-US; the app formats in the browser's locale the same way.
describe("formatting KPI values", () => {
  it("shows money with its currency, rates as %, ratios as ×", () => {
    expect(formatMetric(1_761_507.44, "money", "USD")).toBe("$1,761,507.44");
    expect(formatMetric(1_761_507.44, "money", "USD", { compact: true })).toBe("$1.8M");
    expect(formatMetric(1_200, "money", "EUR")).toBe("€1,200.00");
    expect(formatMetric(250.5, "money_per_day", "USD")).toBe("$250.50/day");
    expect(formatMetric(0.4642857, "rate", "USD")).toBe("46.4%");
    expect(formatMetric(1.75, "ratio", "USD")).toBe("1.75×");
    expect(formatMetric(42.25, "days", "USD")).toBe("42.3 days");
    expect(formatMetric(5.04, "hours", "USD")).toBe("5 h");
    expect(formatMetric(1, "months", "USD")).toBe("1 month");
  });

  it("shows a dash when there is no value", () => {
    expect(formatMetric(null, "rate", "USD")).toBe("—");
    expect(formatMetric(Number.NaN, "money", "USD")).toBe("—");
  });

  it("compares rates in percentage points and levels in percent", () => {
    // Churn 2 % → 3 %: up one point, bad news since lower is better.
    expect(periodChange(0.03, 0.02, "rate", "lower")).toEqual({
      text: "+1 pts",
      direction: "up",
      good: false,
    });
    // ARR 1,000 → 1,250: +25 %, good.
    expect(periodChange(1_250, 1_000, "money", "higher")).toEqual({
      text: "+25%",
      direction: "up",
      good: true,
    });
    expect(periodChange(750, 1_000, "money", "higher")).toEqual({
      text: "−25%",
      direction: "down",
      good: false,
    });
    expect(periodChange(5, 5, "count", "higher")).toEqual({ text: "0%", direction: "flat", good: null });
  });

  it("has no change to show without both values or from zero", () => {
    expect(periodChange(null, 3, "money", "higher")).toBeNull();
    expect(periodChange(3, null, "money", "higher")).toBeNull();
    expect(periodChange(3, 0, "money", "higher")).toBeNull();
  });

  it("reads target attainment and period keys", () => {
    expect(attainmentText({ attainment: 0.816 })).toBe("82% of target");
    expect(attainmentText({ attainment: null })).toBeNull();
    expect(periodLabel("2026-03")).toBe("Mar 2026");
    expect(periodLabel("2026-Q1")).toBe("2026-Q1");
  });
});
