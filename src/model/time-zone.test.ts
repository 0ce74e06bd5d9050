import { describe, expect, it } from "vitest";
import { startOfDay, wallClockToUtc, zoneOffsetMs } from "./time-zone.ts";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe("time zones", () => {
  it("gives how far a zone's clocks are ahead of UTC, daylight saving included", () => {
    expect(zoneOffsetMs(Date.parse("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
  });

  it("finds the first instant of a local day, on both sides of a clock change", () => {
    // New York moves to EDT at 02:00 on 2026-03-08: that day still starts at EST midnight.
    expect(iso(startOfDay("2026-03-08", "America/New_York"))).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(startOfDay("2026-03-09", "America/New_York"))).toBe("2026-03-09T04:00:00.000Z");
    expect(iso(startOfDay("2026-01-01", "Asia/Kolkata"))).toBe("2025-12-31T18:30:00.000Z");
    expect(iso(startOfDay("2026-06-01", "UTC"))).toBe("2026-06-01T00:00:00.000Z");
  });

  it("reads a wall-clock time just after a daylight-saving change with the new offset", () => {
    // 03:30 on 2026-03-08 in New York is EDT (UTC−4): 07:30Z, not 08:30Z.
    expect(iso(wallClockToUtc(Date.UTC(2026, 2, 8, 3, 30), "America/New_York"))).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    // London is back on GMT from 01:00 UTC on 2026-10-25: midday that day is 12:00Z (BST would say 11:00Z).
    expect(iso(wallClockToUtc(Date.UTC(2026, 9, 25, 12, 0), "Europe/London"))).toBe(
      "2026-10-25T12:00:00.000Z",
    );
  });
});
