import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PENALTIES } from "./reasons.ts";
import { NEEDED_FIELDS } from "./required-fields.ts";

const doc = readFileSync(new URL("../../../docs/data-quality.md", import.meta.url), "utf8");
const cells = (line: string) =>
  line
    .split("|")
    .slice(1, -1)
    .map((c) => c.trim());

describe("docs/data-quality.md", () => {
  it("lists every penalty as the code has it", () => {
    const rows = new Map(
      doc
        .split("\n")
        .filter((l) => /^\| `\w+`/.test(l))
        .map((l) => cells(l))
        .map(([code, penalty]) => [code.replaceAll("`", ""), Number(penalty)]),
    );
    expect(Object.fromEntries(rows)).toEqual({ ...PENALTIES });
  });

  it("lists every needed field with its penalty", () => {
    for (const [object, needs] of Object.entries(NEEDED_FIELDS)) {
      for (const need of needs) {
        const line = doc
          .split("\n")
          .find(
            (l) =>
              cells(l).length === 4 && cells(l)[0] === object && cells(l)[1] === need.fields.join(" or "),
          );
        expect(line, `${object} ${need.fields.join(" or ")}`).toBeDefined();
        expect(Number(cells(line!)[2])).toBe(need.penalty);
      }
    }
  });
});
