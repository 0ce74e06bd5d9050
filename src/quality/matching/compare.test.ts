import { describe, expect, it } from "vitest";
import { type Comparison, comparisonFor } from "./compare.ts";
import { encodeFields } from "./encode-fields.ts";
import type { FieldSpec } from "./field-types.ts";

/** Comparisons over one column per spec; `rows[r][k]` is row r's value of spec k. */
function comparisons(specs: FieldSpec[], rows: string[][]): Comparison[] {
  const fields = encodeFields(
    specs,
    specs.map((_, k) => rows.map((row) => row[k])),
  );
  return fields.map((_, k) => comparisonFor(fields, k));
}

const label = (c: Comparison, i: number, j: number): string => c.labels[c.level(i, j)];

describe("comparison levels", () => {
  it("grades names: exact, close typo, swapped columns, loose typo, different, missing", () => {
    const [first, last] = comparisons(
      [
        { name: "first", type: "first_name" },
        { name: "last", type: "last_name" },
      ],
      [
        ["Isla", "Hall"],
        ["isla", "Hal"],
        ["Hall", "Isla"],
        ["Dwayne", "Hall"],
        ["Duane", "Hall"],
        ["James", "Dixon"],
        ["Isaac", "James"],
        ["", "Hall"],
      ],
    );
    expect(label(first, 0, 1)).toBe("exact");
    expect(label(last, 0, 1)).toBe("Jaro-Winkler ≥ 0.92");
    expect(label(first, 0, 2)).toBe("swapped or reordered");
    expect(label(last, 0, 2)).toBe("swapped or reordered");
    expect(label(first, 3, 4)).toBe("Jaro-Winkler ≥ 0.8");
    expect(label(first, 0, 3)).toBe("different");
    expect(label(first, 0, 7)).toBe("missing");
    // "James Dixon" / "Isaac James": one coincidence is not a swap.
    expect(label(last, 5, 6)).toBe("different");
  });

  it("grades dates by their parts", () => {
    const [dob] = comparisons(
      [{ name: "dob", type: "date" }],
      [
        ["1971-06-24"],
        ["19710624"],
        ["1971-05-24"],
        ["1971-24-06"],
        ["1971-06-04"],
        ["1981-06-23"],
        ["1971-01-02"],
        ["1980-02-02"],
      ],
    );
    expect(label(dob, 0, 1)).toBe("exact");
    expect(label(dob, 0, 2)).toBe("one part off or day/month swapped");
    expect(label(dob, 0, 3)).toBe("one part off or day/month swapped");
    expect(label(dob, 0, 4)).toBe("one part off or day/month swapped");
    expect(label(dob, 0, 5)).toBe("within 2 typos");
    expect(label(dob, 0, 6)).toBe("same year");
    expect(label(dob, 0, 7)).toBe("different");
  });

  it("grades emails, phones, postcodes and ids", () => {
    const [email, phone, postcode, id] = comparisons(
      [
        { name: "email", type: "email" },
        { name: "phone", type: "phone" },
        { name: "postcode", type: "postcode" },
        { name: "id", type: "exact" },
      ],
      [
        ["robert255@smith.net", "+1 555 123 4567", "4011", "6988048"],
        ["ROBERT255@smith.net", "(555) 123-4567", "4011", "6988048"],
        ["robert255@jones.com", "555 123 4576", "4012", "6988084"],
        ["roberta25@smith.net", "555 999 0000", "5011", "1234567"],
        ["h.k@sharp.com", "", "", ""],
        ["f.j@sharp.com", "", "", ""],
      ],
    );
    expect(label(email, 0, 1)).toBe("exact");
    expect(label(email, 0, 2)).toBe("same local part");
    expect(label(email, 0, 3)).toBe("within 2 typos");
    expect(label(email, 4, 5)).toBe("different");
    expect(label(phone, 0, 1)).toBe("same last 9 digits");
    expect(label(phone, 1, 2)).toBe("one digit typo or swap");
    expect(label(phone, 0, 3)).toBe("different");
    expect(label(phone, 0, 4)).toBe("missing");
    expect(label(postcode, 0, 1)).toBe("exact");
    expect(label(postcode, 0, 2)).toBe("one typo");
    expect(label(postcode, 2, 3)).toBe("different");
    expect(label(id, 0, 2)).toBe("one typo");
    expect(label(id, 0, 3)).toBe("different");
  });

  it("grades free text by Jaro–Winkler", () => {
    const [suburb] = comparisons(
      [{ name: "suburb", type: "text" }],
      [["tingalpa"], ["tings lpa"], ["coolaroo"], ["Tingalpa"]],
    );
    expect(label(suburb, 0, 3)).toBe("exact");
    expect(label(suburb, 0, 1)).toBe("Jaro-Winkler ≥ 0.92");
    expect(label(suburb, 0, 2)).toBe("different");
  });
});
