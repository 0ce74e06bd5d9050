import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../meta.types.ts";
import { pasteBlock } from "./grid-clipboard.ts";
import type { GridColumn } from "./grid-columns.ts";

const field = (name: string, kind: FieldMeta["kind"]): FieldMeta => ({
  name,
  kind,
  required: false,
  readOnly: false,
  immutable: false,
});
const col = (name: string, kind: FieldMeta["kind"], editable = true): GridColumn => ({
  key: name,
  label: name,
  width: 100,
  numeric: false,
  editable,
  field: field(name, kind),
});
const columns = [
  col("name", "text"),
  col("employees", "integer"),
  col("annual_revenue_minor", "money"),
  col("id", "text", false),
];
const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
const ctx = () => ({ currency: "USD", timeZone: "UTC" });

describe("pasting a block", () => {
  it("lays the block from the active cell, reading each cell like a typed one", () => {
    const result = pasteBlock(
      [
        ["120", "1.5m"],
        ["x", "10k"],
      ],
      rows.slice(1),
      1,
      columns,
      ctx,
    );
    expect(result.edits).toEqual([
      { row: rows[1], field: "employees", value: 120 },
      { row: rows[1], field: "annual_revenue_minor", value: 150_000_000 },
      { row: rows[2], field: "annual_revenue_minor", value: 1_000_000 },
    ]);
    expect(result.problems).toEqual([{ id: "c", field: "employees", message: "must be a whole number" }]);
  });

  it("skips read-only columns and cells past the last row", () => {
    const result = pasteBlock(
      [["Acme", "1", "2", "id?", "extra"], ["B"], ["C"], ["D"]],
      rows,
      0,
      columns,
      ctx,
    );
    expect(result.edits.map((e) => `${e.row.id}.${e.field}`)).toEqual([
      "a.name",
      "a.employees",
      "a.annual_revenue_minor",
      "b.name",
      "c.name",
    ]);
    expect(result.skipped).toBe(3);
  });

  it("fills one value into every selected row", () => {
    const result = pasteBlock([["42"]], rows, 1, columns, ctx);
    expect(result.edits.map((e) => [e.row.id, e.value])).toEqual([
      ["a", 42],
      ["b", 42],
      ["c", 42],
    ]);
  });
});
