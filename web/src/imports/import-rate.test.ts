import { describe, expect, it } from "vitest";
import { addReading, formatDuration, rateOf } from "./import-rate.ts";

describe("import progress rate", () => {
  it("reports rows per second and the time left from bytes read", () => {
    // 2,000 rows and 200,000 bytes in 4 s: 500 rows/s, 50,000 B/s; 800,000 B left → 16 s.
    const readings = [
      { at: 1_000, rows: 1_000, bytes: 100_000 },
      { at: 5_000, rows: 3_000, bytes: 300_000 },
    ];
    expect(rateOf(readings, 1_100_000)).toEqual({ rowsPerSecond: 500, etaSeconds: 16 });
  });

  it("knows nothing from a single reading, and nothing is left at the end", () => {
    expect(rateOf([{ at: 0, rows: 0, bytes: 0 }], 10)).toEqual({ rowsPerSecond: null, etaSeconds: null });
    expect(
      rateOf(
        [
          { at: 0, rows: 5, bytes: 10 },
          { at: 1000, rows: 5, bytes: 10 },
        ],
        10,
      ),
    ).toEqual({ rowsPerSecond: 0, etaSeconds: 0 });
  });

  it("keeps the last 10 seconds of readings, and at least two", () => {
    let readings = [{ at: 0, rows: 0, bytes: 0 }];
    readings = addReading(readings, { at: 4_000, rows: 10, bytes: 10 });
    readings = addReading(readings, { at: 12_000, rows: 20, bytes: 20 });
    expect(readings.map((r) => r.at)).toEqual([4_000, 12_000]);
    readings = addReading(readings, { at: 40_000, rows: 30, bytes: 30 });
    expect(readings.map((r) => r.at)).toEqual([12_000, 40_000]);
  });

  it("writes durations for people", () => {
    expect(formatDuration(45.4)).toBe("45 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(3900)).toBe("1 h 05 min");
  });
});
