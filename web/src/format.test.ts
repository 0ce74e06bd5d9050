import { describe, expect, it } from "vitest";
import { formatMoney, isoToWallTime, minorDigits, wallTimeToIso } from "./format.ts";

describe("money", () => {
  it("knows the minor digits of a currency", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
  });

  it("formats minor units in their currency", () => {
    expect(formatMoney(1_250_000_000, "USD")).toContain("12,500,000.00");
    expect(formatMoney(1500, "JPY")).toContain("1,500");
  });
});

describe("wall time in the workspace time zone", () => {
  it("is UTC itself in UTC", () => {
    expect(wallTimeToIso("2026-03-01T09:30", "UTC")).toBe("2026-03-01T09:30:00.000Z");
  });

  it("applies standard and daylight-saving offsets", () => {
    expect(wallTimeToIso("2026-01-15T09:30", "America/New_York")).toBe("2026-01-15T14:30:00.000Z");
    expect(wallTimeToIso("2026-07-01T09:30", "America/New_York")).toBe("2026-07-01T13:30:00.000Z");
    expect(wallTimeToIso("2026-03-08T03:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(wallTimeToIso("2026-06-01T12:00", "Asia/Kolkata")).toBe("2026-06-01T06:30:00.000Z");
  });

  it("round-trips through the datetime-local value", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/Los_Angeles", "Australia/Adelaide"]) {
      const iso = "2026-10-04T16:45:00.000Z";
      expect(wallTimeToIso(isoToWallTime(iso, zone), zone)).toBe(iso);
    }
  });

  it("refuses what is not a date and time", () => {
    expect(() => wallTimeToIso("yesterday", "UTC")).toThrow(RangeError);
    expect(isoToWallTime("nope", "UTC")).toBe("");
  });
});
