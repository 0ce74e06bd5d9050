import { describe, expect, it } from "vitest";
import { withHeapGrowthCap } from "./heap-growth.ts";

describe("the heap growth cap of imports", () => {
  it("is on from the first running import to the end of the last, then V8 chooses again", async () => {
    const flags: string[] = [];
    const setFlags = (f: string) => flags.push(f);
    let release!: () => void;
    const first = withHeapGrowthCap(() => new Promise<void>((r) => (release = r)), {
      execArgv: [],
      setFlags,
    });
    await withHeapGrowthCap(async () => {}, { execArgv: [], setFlags });
    expect(flags).toEqual(["--heap-growing-percent=100"]);
    release();
    await first;
    expect(flags).toEqual(["--heap-growing-percent=100", "--heap-growing-percent=0"]);
  });

  it("stays off when Node was started with its own --heap-growing-percent, and after a failure", async () => {
    const flags: string[] = [];
    const setFlags = (f: string) => flags.push(f);
    await withHeapGrowthCap(async () => {}, { execArgv: ["--heap-growing-percent=300"], setFlags });
    expect(flags).toEqual([]);
    await expect(
      withHeapGrowthCap(
        async () => {
          throw new Error("boom");
        },
        { execArgv: [], setFlags },
      ),
    ).rejects.toThrow("boom");
    expect(flags).toEqual(["--heap-growing-percent=100", "--heap-growing-percent=0"]);
  });
});
