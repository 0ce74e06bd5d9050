import { describe, expect, it } from "vitest";
import { parseTsv, toTsv } from "./tsv.ts";

describe("spreadsheet blocks", () => {
  it("splits rows and cells, with or without a final newline", () => {
    expect(parseTsv("a\tb\nc\td\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseTsv("a\tb\r\nc\td")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseTsv("10k")).toEqual([["10k"]]);
    expect(parseTsv("a\t\tc")).toEqual([["a", "", "c"]]);
  });

  it("reads quoted cells with tabs, newlines and quotes inside", () => {
    expect(parseTsv('"line 1\nline 2"\t"say ""hi"""\nx\ty')).toEqual([
      ["line 1\nline 2", 'say "hi"'],
      ["x", "y"],
    ]);
    expect(parseTsv('5" screen\tok')).toEqual([['5" screen', "ok"]]);
  });

  it("writes what it reads", () => {
    const rows = [
      ["Acme", "a\tb", 'q"q'],
      ["x", "multi\nline", ""],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
