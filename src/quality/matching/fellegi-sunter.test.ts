import { describe, expect, it } from "vitest";
import { blockedPairs } from "./blocking.ts";
import { chooseBlockingRules } from "./blocking-rules.ts";
import { comparisonFor } from "./compare.ts";
import type { PatternTable } from "./comparison-patterns.ts";
import { comparePairs } from "./comparison-patterns.ts";
import { encodeFields } from "./encode-fields.ts";
import { expectationMaximisation } from "./expectation-maximisation.ts";
import { matchWeight, trainModel } from "./fellegi-sunter.ts";
import { estimateU } from "./u-probabilities.ts";

const weights = (m: readonly number[], u: readonly number[]) =>
  m.map((p, level) => (level === 0 ? 0 : matchWeight(p, u[level])));

describe("expectation–maximisation", () => {
  it("separates a hand-made mixture and orders the weights", () => {
    // Two fields with levels exact / close / different. 100 matches mostly agree; 900
    // non-matches mostly differ. Patterns are (level of field 0, level of field 1).
    const combos: [number, number, number][] = [
      [1, 1, 70],
      [1, 2, 12],
      [2, 1, 10],
      [1, 3, 5],
      [3, 1, 3],
      [1, 1, 1],
      [3, 3, 850],
      [2, 3, 20],
      [3, 2, 20],
      [1, 3, 5],
      [3, 1, 4],
    ];
    const patterns: PatternTable = {
      fieldCount: 2,
      count: combos.length,
      levels: Uint8Array.from(combos.flatMap((combo) => combo.slice(0, 2))),
    };
    const counts = Float64Array.from(combos, ([, , c]) => c);
    const u = [
      [1, 0.01, 0.03, 0.96],
      [1, 0.01, 0.03, 0.96],
    ];
    const result = expectationMaximisation({ patterns, counts, u, active: [true, true], learnU: false });
    expect(result.lambda).toBeGreaterThan(0.08);
    expect(result.lambda).toBeLessThan(0.13);
    for (const m of result.m) {
      expect(m[1]).toBeGreaterThan(0.6);
      expect(m[1]).toBeGreaterThan(u[0][1]);
      const w = weights(m, u[0]);
      expect(w[1]).toBeGreaterThan(w[2]);
      expect(w[2]).toBeGreaterThan(0);
      expect(w[3]).toBeLessThan(0);
    }
  });

  it("learns sensible weights from blocked pairs of a small CSV-like table", () => {
    const rows = [
      ["ann", "lee", "ann.lee@x.com", "1980-01-02"],
      ["ann", "lee", "ann.lee@x.com", "1980-01-02"],
      ["anne", "lee", "", "1980-01-02"],
      ["bob", "ray", "bob@y.org", "1975-05-06"],
      ["bob", "rae", "bob@y.org", "1975-05-06"],
      ["cy", "ng", "cy@z.net", "1990-09-09"],
      ["dee", "lee", "dee@x.com", "1985-03-04"],
      ["eve", "ray", "eve@q.com", "1970-07-07"],
      ["fay", "ng", "fay@z.net", "1992-02-02"],
      ["gus", "lee", "gus@x.com", "1966-06-06"],
      ["gus", "lee", "gus@x.com", "1966-06-06"],
      ["hal", "ray", "hal@y.org", "1977-07-17"],
    ];
    const specs = [
      { name: "first", type: "first_name" as const },
      { name: "last", type: "last_name" as const },
      { name: "email", type: "email" as const },
      { name: "dob", type: "date" as const },
    ];
    const fields = encodeFields(
      specs,
      specs.map((_, k) => rows.map((r) => r[k])),
    );
    const comparisons = fields.map((_, k) => comparisonFor(fields, k));
    const rules = chooseBlockingRules(fields);
    const pairs = blockedPairs(rules);
    const compared = comparePairs(comparisons, pairs);
    const sample = estimateU(comparisons, rows.length);
    const model = trainModel({ comparisons, rules, pairs, compared, sample, recordCount: rows.length });
    const email = model.fields[2];
    expect(email.m[1]).toBeGreaterThan(email.u[1]);
    const w = weights(email.m, email.u);
    expect(w[1]).toBeGreaterThan(0);
    expect(w[email.m.length - 1]).toBeLessThan(0);
    expect(model.prior).toBeGreaterThan(0);
    expect(model.prior).toBeLessThan(0.5);
  });
});
