import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dedupeFile, dedupeRecords, readCsvColumns } from "./index.ts";

const FEBRL1 = "/work/shared/data/dedupe/febrl1.csv";

describe("dedupe on files", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("trims Febrl-style headers and values and explains a pair field by field", async () => {
    const dir = await mkdtemp(join(tmpdir(), "revline-dedupe-"));
    dirs.push(dir);
    const input = join(dir, "people.csv");
    await writeFile(
      input,
      [
        "rec_id, given_name, surname, date_of_birth, postcode",
        "a-1, karli, alderson, 19510826, 3139",
        "a-2, karli, aldersen, 19510826, 3139",
        "b-1, tiana, luchetti, 19050127, 2008",
        "c-1, kayla, harrington, 19150612, 3465",
        "d-1, sarah, bruhn, 19300213, 4510",
        "e-1, jacob, lanyon, 19080712, 2602",
      ].join("\n"),
    );
    const table = await readCsvColumns(input);
    expect(table.headers).toEqual(["rec_id", "given_name", "surname", "date_of_birth", "postcode"]);
    expect(table.columns[1][0]).toBe("karli");
    const result = dedupeRecords(table, { idColumn: "rec_id" });
    expect(result.fields.map((f) => f.type)).toEqual(["first_name", "last_name", "date", "postcode"]);
    const why = result.explain("a-1", "a-2");
    expect(why.fields.map((f) => f.level)).toEqual(["exact", "Jaro-Winkler ≥ 0.92", "exact", "exact"]);
    expect(why.fields.every((f) => f.weight > 0)).toBe(true);
    expect(why.weight).toBeCloseTo(
      why.priorWeight + why.dependenceWeight + why.fields.reduce((s, f) => s + f.weight, 0),
      9,
    );
    expect(result.explain("a-1", "e-1").probability).toBeLessThan(0.01);
  });

  it.skipIf(!existsSync(FEBRL1))(
    "finds the duplicates of a 200-row slice of febrl1 with F1 ≥ 0.9",
    async () => {
      const full = await readCsvColumns(FEBRL1);
      // The first 100 people with a duplicate: their original and duplicate records.
      const ids = full.columns[0];
      const people = [
        ...new Set(ids.filter((id) => id.includes("-dup-")).map((id) => id.split("-")[1])),
      ].slice(0, 100);
      const keep = new Set(people);
      const rows = ids.flatMap((id, r) => (keep.has(id.split("-")[1]) ? [r] : []));
      expect(rows).toHaveLength(200);
      const dir = await mkdtemp(join(tmpdir(), "revline-febrl-"));
      dirs.push(dir);
      const input = join(dir, "febrl-slice.csv");
      const output = join(dir, "pairs.csv");
      const csv = [
        full.headers.join(", "),
        ...rows.map((r) => full.columns.map((c) => c[r]).join(", ")),
      ].join("\n");
      await writeFile(input, csv);
      await dedupeFile(input, output, { idColumn: "rec_id" });
      const lines = (await readFile(output, "utf8")).trim().split("\n");
      expect(lines[0]).toBe("left_id,right_id,probability");
      const predicted = lines.slice(1).map((line) => line.split(","));
      const correct = predicted.filter(([l, r]) => l.split("-")[1] === r.split("-")[1]).length;
      const precision = correct / predicted.length;
      const recall = correct / 100;
      const f1 = (2 * precision * recall) / (precision + recall);
      expect(f1).toBeGreaterThanOrEqual(0.9);
    },
  );
});
