import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { progressBar } from "./progress.ts";

/** What the bar last drew, in plain text. */
function capture() {
  let last = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const text = stripVTControlCharacters(String(chunk)).trim();
      if (text) last = text;
      done();
    },
  });
  return { stream, last: () => last };
}

describe("the import's progress bar", () => {
  it("shows the share of the file read, the rows done and rows per second, not bytes as rows", async () => {
    const out = capture();
    const bar = progressBar("Importing imp_1", { byBytes: true, rowsBefore: 10_000, stream: out.stream });
    bar.update(1_000_000, 4_000_000, "", 10_000);
    await new Promise((r) => setTimeout(r, 200));
    bar.update(4_000_000, 4_000_000, "", 40_000);
    bar.stop();
    const line = out.last();
    expect(line).toMatch(/^Importing imp_1 \[.*\] 100% \| 40,000 rows \| ([\d,]+) rows\/s \| ETA 0s$/);
    // 30,000 rows of this run (the 10,000 done before a resume left out) in ≥ 0.2 s: at most 150,000/s.
    const rate = Number(/\| ([\d,]+) rows\/s/.exec(line)![1].replaceAll(",", ""));
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(150_000);
    expect(line).not.toContain("4000000");
  });
});
