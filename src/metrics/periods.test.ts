import { describe, expect, it } from "vitest";
import { monthsIn, parsePeriodKey, periodOf, periodsBetween, previousPeriod, todayIn } from "./periods.ts";

describe("calendar periods", () => {
  it("finds the period containing a date", () => {
    expect(periodOf("2026-02-14", "month")).toEqual({
      key: "2026-02",
      start: "2026-02-01",
      end: "2026-02-28",
    });
    expect(periodOf("2024-02-14", "month").end).toBe("2024-02-29");
    expect(periodOf("2026-05-31", "quarter")).toEqual({
      key: "2026-Q2",
      start: "2026-04-01",
      end: "2026-06-30",
    });
    expect(periodOf("2026-12-31", "year")).toEqual({ key: "2026", start: "2026-01-01", end: "2026-12-31" });
    // 2026-03-01 is a Sunday: its Monday week began on 23 Feb, its Sunday week on 1 Mar.
    expect(periodOf("2026-03-01", "week")).toEqual({
      key: "2026-02-23",
      start: "2026-02-23",
      end: "2026-03-01",
    });
    expect(periodOf("2026-03-01", "week", "sunday")).toEqual({
      key: "2026-03-01",
      start: "2026-03-01",
      end: "2026-03-07",
    });
  });

  it("lists whole periods covering a range, across year ends", () => {
    expect(periodsBetween("2025-11-15", "2026-02-01", "month").map((p) => p.key)).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(periodsBetween("2026-01-01", "2026-01-03", "day").map((p) => p.key)).toEqual([
      "2026-01-01",
      "2026-01-02",
      "2026-01-03",
    ]);
    expect(previousPeriod(periodOf("2026-01-15", "quarter"), "quarter").key).toBe("2025-Q4");
    expect(() => periodsBetween("2026-02-01", "2026-01-01", "month")).toThrow(/before/);
  });

  it("parses period keys and refuses ones that do not start a period", () => {
    expect(parsePeriodKey("2026-Q3", "quarter")).toEqual({
      key: "2026-Q3",
      start: "2026-07-01",
      end: "2026-09-30",
    });
    expect(parsePeriodKey("2026-03", "month").end).toBe("2026-03-31");
    expect(() => parsePeriodKey("2026-03-04", "week")).toThrow(/did you mean 2026-03-02/);
    expect(() => parsePeriodKey("March", "month")).toThrow(/not a month/);
  });

  it("counts months in a period and reads today in a time zone", () => {
    expect(monthsIn(periodOf("2026-02-01", "quarter"), "quarter")).toBe(3);
    expect(monthsIn(periodOf("2026-02-02", "week"), "week")).toBeCloseTo(7 / 30.4375, 12);
    // 23:30 UTC on 31 March is already 1 April at UTC+2.
    expect(todayIn("Africa/Johannesburg", new Date("2026-03-31T23:30:00Z"))).toBe("2026-04-01");
    expect(todayIn("UTC", new Date("2026-03-31T23:30:00Z"))).toBe("2026-03-31");
  });
});
