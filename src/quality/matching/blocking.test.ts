import { describe, expect, it } from "vitest";
import { blockedPairs } from "./blocking.ts";
import { chooseBlockingRules } from "./blocking-rules.ts";
import { encodeFields } from "./encode-fields.ts";
import { resolveFieldSpecs } from "./field-types.ts";
import { SYNTHETIC_HEADER, syntheticContacts } from "./synthetic-contacts.ts";

function contactFields(rows: number) {
  const columns: string[][] = SYNTHETIC_HEADER.map(() => []);
  for (const row of syntheticContacts(rows, 11)) {
    row.forEach((v, c) => {
      columns[c].push(v);
    });
  }
  const specs = resolveFieldSpecs(SYNTHETIC_HEADER, columns, { idColumn: "contact_id", ignore: ["entity"] });
  return encodeFields(
    specs,
    specs.map((s) => columns[SYNTHETIC_HEADER.indexOf(s.name)]),
  );
}

describe("blocking", () => {
  const fields = contactFields(3000);
  const rules = chooseBlockingRules(fields);
  const pairs = blockedPairs(rules);

  it("chooses several rules over different fields", () => {
    expect(rules.length).toBeGreaterThan(3);
    const used = new Set(rules.flatMap((r) => r.fields));
    expect(used.size).toBe(fields.length);
  });

  it("never compares a pair twice, and compares every pair some rule blocks together", () => {
    const seen = new Set<number>();
    const n = fields[0].codes.length;
    let misordered = 0;
    for (let p = 0; p < pairs.length; p++) {
      if (pairs.left[p] >= pairs.right[p]) misordered++;
      seen.add(pairs.left[p] * n + pairs.right[p]);
    }
    expect(misordered).toBe(0);
    expect(seen.size).toBe(pairs.length);
    const expected = new Set<number>();
    for (const rule of rules) {
      const members = new Map<number, number[]>();
      rule.blocks.forEach((b, r) => {
        if (b >= 0) members.set(b, [...(members.get(b) ?? []), r]);
      });
      for (const group of members.values()) {
        for (let a = 0; a < group.length; a++)
          for (let b = a + 1; b < group.length; b++) expected.add(group[a] * n + group[b]);
      }
    }
    expect(seen.size).toBe(expected.size);
    expect([...expected].filter((key) => !seen.has(key))).toEqual([]);
  });

  it("records every rule that puts a pair in one block", () => {
    let wrong = 0;
    for (let p = 0; p < pairs.length; p++) {
      rules.forEach((rule, k) => {
        const b = rule.blocks[pairs.left[p]];
        const together = b >= 0 && b === rule.blocks[pairs.right[p]];
        if (((pairs.rules[p] & (1 << k)) !== 0) !== together) wrong++;
      });
    }
    expect(pairs.length).toBeGreaterThan(1000);
    expect(wrong).toBe(0);
  });

  it("skips blocks larger than the limit", () => {
    const capped = chooseBlockingRules(fields, { maxBlockSize: 3 });
    for (const rule of capped) {
      const sizes = new Map<number, number>();
      for (const b of rule.blocks) if (b >= 0) sizes.set(b, (sizes.get(b) ?? 0) + 1);
      for (const size of sizes.values()) expect(size).toBeLessThanOrEqual(3);
    }
  });
});
