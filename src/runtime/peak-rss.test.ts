import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { peakRssMb } from "./peak-rss.ts";

describe("peak RSS", () => {
  it("reads VmHWM from /proc/self/status", () => {
    expect(peakRssMb("Name:\tnode\nVmPeak:\t 999999 kB\nVmHWM:\t  412672 kB\nVmRSS:\t 300000 kB\n")).toBe(
      403,
    );
  });

  it("is the process's own, not the parent's it was forked from", () => {
    // A parent holding ~300 MB starts a small child: the child's peak stays small.
    const script = `
      const big = Buffer.alloc(300 * 2 ** 20, 1);
      const out = require("node:child_process").execFileSync(process.execPath, ["--import", "tsx", "-e",
        "import('${new URL("./peak-rss.ts", import.meta.url).pathname}').then((m) => console.log(m.peakRssMb()))"]);
      console.log(String(out).trim(), big.length);`;
    const [child] = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split(" ");
    expect(Number(child)).toBeGreaterThan(20);
    expect(Number(child)).toBeLessThan(250);
  }, 30_000);
});
