import { describe, expect, it } from "vitest";
import { limitHeapGrowth } from "./heap-growth.ts";

describe("the heap growth cap", () => {
  it("is applied unless the process was started with its own --heap-growing-percent", () => {
    expect(limitHeapGrowth(["--max-old-space-size=512"])).toBe(true);
    expect(limitHeapGrowth(["--heap-growing-percent=300"])).toBe(false);
    expect(limitHeapGrowth(["--heap_growing_percent=50"])).toBe(false);
  });
});
