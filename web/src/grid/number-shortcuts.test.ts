import { describe, expect, it } from "vitest";
import { parseNumber } from "./number-shortcuts.ts";

describe("number shortcuts", () => {
  it("reads thousands, millions and billions", () => {
    expect(parseNumber("10k")).toBe(10_000);
    expect(parseNumber("1.5m")).toBe(1_500_000);
    expect(parseNumber("1.1M")).toBe(1_100_000);
    expect(parseNumber("2bn")).toBe(2_000_000_000);
    expect(parseNumber("3B")).toBe(3_000_000_000);
    expect(parseNumber("-4.2K")).toBe(-4_200);
    expect(parseNumber(".5k")).toBe(500);
  });

  it("reads separators, currency signs and percentages", () => {
    expect(parseNumber("1,250.50")).toBe(1250.5);
    expect(parseNumber(" $3,000 ")).toBe(3000);
    expect(parseNumber("-€12")).toBe(-12);
    expect(parseNumber("12%")).toBe(12);
    expect(parseNumber("1 000 000")).toBe(1_000_000);
    expect(parseNumber("0")).toBe(0);
  });

  it("refuses what is not a number", () => {
    for (const text of ["", "abc", "10x", "1.2.3", "k", "--1", "1e999"])
      expect(parseNumber(text), text).toBeNull();
  });
});
