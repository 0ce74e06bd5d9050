import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "./dashboard-types.ts";
import { hasValues, pivotByGroup, topGroups } from "./series-shape.ts";

const point = (period: string, group: string | null, value: number | null, label?: string): SeriesPoint => ({
  period,
  start: `${period}-01`,
  end: `${period}-28`,
  group,
  label: label ?? null,
  value,
  previous: null,
});

// Win rate by owner over two months: Ann 50 % → 60 %, Bob 70 % → 40 %, deals with no owner → none in March.
const series = [
  point("2026-02", "usr_ann", 0.5, "Ann"),
  point("2026-03", "usr_ann", 0.6, "Ann"),
  point("2026-02", "usr_bob", 0.7, "Bob"),
  point("2026-03", "usr_bob", 0.4, "Bob"),
  point("2026-02", null, 0.1),
  point("2026-03", null, null),
];

describe("sliced series", () => {
  it("ranks groups by their last value, names first, no value last", () => {
    expect(topGroups(series)).toEqual([
      { group: "usr_ann", label: "Ann", value: 0.6 },
      { group: "usr_bob", label: "Bob", value: 0.4 },
      { group: "(none)", label: "(none)", value: null },
    ]);
    expect(topGroups(series, 1).map((g) => g.label)).toEqual(["Ann"]);
  });

  it("pivots to one row per period with a column per group", () => {
    expect(pivotByGroup(series, topGroups(series, 2))).toEqual([
      { period: "2026-02", g0: 0.5, g1: 0.7 },
      { period: "2026-03", g0: 0.6, g1: 0.4 },
    ]);
  });

  it("knows when there is nothing to draw", () => {
    expect(hasValues([point("2026-03", null, null)])).toBe(false);
    expect(hasValues(series)).toBe(true);
  });
});
