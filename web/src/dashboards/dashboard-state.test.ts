import { describe, expect, it } from "vitest";
import {
  addMonths,
  dashboardParams,
  monthEnd,
  parseDashboardState,
  resolveRange,
  seriesParams,
  todayIn,
} from "./dashboard-state.ts";

describe("dashboard state in the URL", () => {
  it("reads every control and the open drill-down", () => {
    const state = parseDashboardState(
      new URLSearchParams(
        "from=2025-01&to=2025-12&grain=quarter&by=segment&drill=arr&drill_period=2025-Q4&drill_by=segment&drill_group=smb",
      ),
    );
    expect(state).toEqual({
      from: "2025-01",
      to: "2025-12",
      grain: "quarter",
      by: "segment",
      drill: { key: "arr", period: "2025-Q4", by: "segment", group: "smb" },
    });
  });

  it("falls back to the defaults for missing or malformed values", () => {
    expect(
      parseDashboardState(
        new URLSearchParams("from=2025-13&to=yesterday&grain=week&by=DROP%20TABLE&drill=arr"),
      ),
    ).toEqual({ from: null, to: null, grain: "month", by: null, drill: null });
  });

  it("drops a drill-down group that comes without its dimension", () => {
    expect(
      parseDashboardState(new URLSearchParams("drill=cac&drill_period=2026-Q3&drill_group=seo")).drill,
    ).toEqual({
      key: "cac",
      period: "2026-Q3",
      by: null,
      group: null,
    });
  });

  it("writes back what it read, leaving defaults out", () => {
    const raw =
      "from=2025-01&to=2025-12&grain=quarter&by=region&drill=nrr&drill_period=2025-Q2&drill_by=channel&drill_group=seo";
    expect(dashboardParams(parseDashboardState(new URLSearchParams(raw))).toString()).toBe(raw);
    expect(dashboardParams(parseDashboardState(new URLSearchParams("grain=month"))).toString()).toBe("");
  });
});

describe("date ranges", () => {
  it("counts months across year ends", () => {
    expect(addMonths("2026-11", -11)).toBe("2025-12");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2026-11")).toBe("2026-11-30");
  });

  it("defaults to the twelve months up to today", () => {
    expect(resolveRange({ from: null, to: null }, "2026-11-28")).toEqual({
      from: "2025-12-01",
      to: "2026-11-28",
    });
  });

  it("runs a past range to the last day of its last month, and reads a backwards range forwards", () => {
    expect(resolveRange({ from: "2025-01", to: "2025-06" }, "2026-11-28")).toEqual({
      from: "2025-01-01",
      to: "2025-06-30",
    });
    expect(resolveRange({ from: "2025-06", to: "2025-01" }, "2026-11-28")).toEqual({
      from: "2025-01-01",
      to: "2025-06-30",
    });
    expect(resolveRange({ from: "2026-03", to: null }, "2026-11-28")).toEqual({
      from: "2026-03-01",
      to: "2026-11-28",
    });
  });

  it("builds the series query and today in a time zone", () => {
    expect(seriesParams({ from: "2025-12-01", to: "2026-11-28" }, "quarter", "segment")).toEqual({
      from: "2025-12-01",
      to: "2026-11-28",
      grain: "quarter",
      by: "segment",
    });
    expect(seriesParams({ from: "2025-12-01", to: "2026-11-28" }, "month")).not.toHaveProperty("by");
    // 23:30 UTC on 28 Nov is already 29 Nov in Tokyo and still 28 Nov in New York.
    const late = new Date("2026-11-28T23:30:00Z");
    expect(todayIn("Asia/Tokyo", late)).toBe("2026-11-29");
    expect(todayIn("America/New_York", late)).toBe("2026-11-28");
  });
});
