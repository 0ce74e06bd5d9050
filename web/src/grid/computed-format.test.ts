import { describe, expect, it } from "vitest";
import { computedText } from "./computed-format.ts";

describe("computed column values", () => {
  it("formats by the column's format", () => {
    expect(computedText("money", 4_800_000, "USD")).toMatch(/48,000\.00/);
    expect(computedText("percent", 0.256, "USD")).toBe("25.6%");
    expect(computedText("number", 1234.5678, "USD")).toBe("1,234.57");
    expect(computedText("date", "2026-03-31", "USD")).toMatch(/2026/);
    expect(computedText("text", 12, "USD")).toBe("12");
    expect(computedText("number", true, "USD")).toBe("Yes");
    expect(computedText("money", null, "USD")).toBe("");
  });
});
