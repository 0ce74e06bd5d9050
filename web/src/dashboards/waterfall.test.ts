import { describe, expect, it } from "vitest";
import { netNew, waterfallDomain, waterfallSteps } from "./waterfall.ts";

describe("MRR waterfall", () => {
  // A month worked by hand: 10,000 at the start; +1,500 new, +800 expansion, +200 reactivation,
  // −300 contraction, −1,200 churn, +50 FX → 10,000 + 1,500 + 800 + 200 − 300 − 1,200 + 50 = 11,050.
  const month = {
    start: 10_000,
    end: 11_050,
    new: 1_500,
    expansion: 800,
    reactivation: 200,
    contraction: 300,
    churn: 1_200,
    fx: 50,
  };

  it("floats each movement from the running total and lands on ending MRR", () => {
    const steps = waterfallSteps(month);
    expect(steps.map((s) => [s.key, s.kind, s.amount, s.range])).toEqual([
      ["start", "total", 10_000, [0, 10_000]],
      ["new", "increase", 1_500, [10_000, 11_500]],
      ["expansion", "increase", 800, [11_500, 12_300]],
      ["reactivation", "increase", 200, [12_300, 12_500]],
      ["contraction", "decrease", -300, [12_200, 12_500]],
      ["churn", "decrease", -1_200, [11_000, 12_200]],
      ["fx", "increase", 50, [11_000, 11_050]],
      ["end", "total", 11_050, [0, 11_050]],
    ]);
    // Net new MRR leaves FX out: 1,500 + 800 + 200 − 300 − 1,200 = 1,000.
    expect(netNew(steps)).toBe(1_000);
  });

  it("drills each step to the KPI listing its accounts", () => {
    expect(waterfallSteps(month).map((s) => s.metric)).toEqual([
      "mrr",
      "new_mrr",
      "expansion_mrr",
      "reactivation_mrr",
      "contraction_mrr",
      "churned_mrr",
      "fx_adjustment_mrr",
      "mrr",
    ]);
  });

  it("leaves out a zero FX line and shows a negative one going down", () => {
    expect(waterfallSteps({ ...month, fx: 0, end: 11_000 }).map((s) => s.key)).not.toContain("fx");
    const down = waterfallSteps({ ...month, fx: -100, end: 10_900 });
    expect(down.find((s) => s.key === "fx")).toMatchObject({
      label: "− FX",
      kind: "decrease",
      range: [10_900, 11_000],
    });
    expect(down.map((s) => s.key)).not.toContain("other");
  });

  it("shows a gap between the movements and ending MRR instead of hiding it", () => {
    const steps = waterfallSteps({ ...month, end: 11_060 });
    expect(steps.find((s) => s.key === "other")).toMatchObject({ amount: 10, range: [11_050, 11_060] });
    expect(steps.at(-1)).toMatchObject({ key: "end", amount: 11_060 });
  });

  it("lets a few cents of rounding pass without a step", () => {
    expect(waterfallSteps({ ...month, end: 11_050.03 }).map((s) => s.key)).not.toContain("other");
  });

  it("zooms the axis on the movements, never below zero", () => {
    // Levels run from 10,000 to 12,500: span 2,500; 10,000 − 0.6 × 2,500 = 8,500; 12,500 + 0.15 × 2,500 = 12,875.
    expect(waterfallDomain(waterfallSteps(month))).toEqual([8_500, 12_875]);
    // A flat month: the span is 2 % of the level so the axis still has a height.
    const flat = {
      start: 100,
      end: 100,
      new: 0,
      expansion: 0,
      reactivation: 0,
      contraction: 0,
      churn: 0,
      fx: 0,
    };
    expect(waterfallDomain(waterfallSteps(flat))).toEqual([98.8, 100.3]);
    // Everything churned: the axis starts at zero.
    const gone = { ...flat, end: 0, churn: 100 };
    expect(waterfallDomain(waterfallSteps(gone))[0]).toBe(0);
  });

  it("reads churn and contraction as subtractions whatever their sign", () => {
    const steps = waterfallSteps({ ...month, contraction: -300, churn: -1_200 });
    expect(steps.find((s) => s.key === "churn")?.amount).toBe(-1_200);
    expect(steps.map((s) => s.key)).not.toContain("other");
  });
});
