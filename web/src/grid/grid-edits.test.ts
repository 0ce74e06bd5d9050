import { describe, expect, it } from "vitest";
import type { ApiRecord } from "../api-client.ts";
import { cellKey, editReducer, emptyEdits, pendingCount, shownRow } from "./grid-edits.ts";

const acme: ApiRecord = { id: "a", version: 1, name: "Acme", employees: 10 };
const globex: ApiRecord = { id: "g", version: 4, name: "Globex", employees: 20 };

describe("grid edits", () => {
  it("keeps typed values pending, shows them on the row, and forgets values set back", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "employees", value: 12 }],
    });
    expect(s.pending).toEqual({ a: { employees: 12 } });
    expect(shownRow(s, acme)).toMatchObject({ employees: 12, version: 1 });
    s = editReducer(s, { type: "edit", cells: [{ row: acme, field: "employees", value: 10 }] });
    expect(s.pending).toEqual({});
    expect(s.undo).toHaveLength(2);
  });

  it("undoes a whole pasted block in one step, and one cell on its own", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "name", value: "Acme Inc" }],
    });
    s = editReducer(s, {
      type: "edit",
      cells: [
        { row: acme, field: "employees", value: 11 },
        { row: globex, field: "employees", value: 21 },
        { row: acme, field: "name", value: "Acme Ltd" },
      ],
    });
    expect(pendingCount(s)).toBe(3);
    s = editReducer(s, { type: "undoEdit" });
    expect(s.pending).toEqual({ a: { name: "Acme Inc" } });
    s = editReducer(s, { type: "revertCell", id: "a", field: "name" });
    expect(s.pending).toEqual({});
  });

  it("marks refused cells until they are typed again", () => {
    let s = editReducer(emptyEdits(), {
      type: "invalid",
      cells: [{ id: "a", field: "employees", message: "must be a whole number" }],
    });
    expect(s.errors[cellKey("a", "employees")]).toBe("must be a whole number");
    s = editReducer(s, { type: "edit", cells: [{ row: acme, field: "employees", value: 3 }] });
    expect(s.errors).toEqual({});
  });

  it("after a save, shows the stored row and can undo the save", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "employees", value: 12 }],
    });
    s = editReducer(s, {
      type: "saved",
      rows: [{ ...acme, employees: 12, version: 2 }],
      sent: { a: { employees: 12 } },
      before: { a: { employees: 10 } },
      undoable: true,
    });
    expect(s.pending).toEqual({});
    expect(shownRow(s, acme)).toMatchObject({ employees: 12, version: 2 });
    expect(s.undo.at(-1)).toEqual({
      kind: "save",
      rows: [{ id: "a", before: { employees: 10 }, after: { employees: 12 } }],
    });
    expect(editReducer(s, { type: "undoEdit" })).toBe(s);
  });

  it("keeps a value typed again while the save was on its way", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "employees", value: 12 }],
    });
    s = editReducer(s, { type: "edit", cells: [{ row: acme, field: "employees", value: 13 }] });
    s = editReducer(s, {
      type: "saved",
      rows: [{ ...acme, employees: 12, version: 2 }],
      sent: { a: { employees: 12 } },
      before: { a: { employees: 10 } },
      undoable: true,
    });
    expect(s.pending).toEqual({ a: { employees: 13 } });
  });

  it("holds conflicting rows until the person keeps their values or takes the stored ones", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "employees", value: 12 }],
    });
    const theirs = { ...acme, employees: 99, version: 2 };
    s = editReducer(s, { type: "conflicts", rows: [theirs] });
    expect(s.conflicts.a).toEqual(theirs);
    const kept = editReducer(s, { type: "resolve", id: "a", keepMine: true });
    expect(kept.pending).toEqual({ a: { employees: 12 } });
    expect(shownRow(kept, acme)).toMatchObject({ employees: 12, version: 2 });
    const taken = editReducer(s, { type: "resolve", id: "a", keepMine: false });
    expect(taken.pending).toEqual({});
    expect(shownRow(taken, acme)).toMatchObject({ employees: 99, version: 2 });
  });

  it("remembers the stored row an edit was made on, until it is saved", () => {
    let s = editReducer(emptyEdits(), {
      type: "edit",
      cells: [{ row: acme, field: "employees", value: 12 }],
    });
    s = editReducer(s, {
      type: "edit",
      cells: [{ row: { ...acme, version: 9 }, field: "name", value: "A" }],
    });
    expect(s.bases.a).toBe(acme);
    s = editReducer(s, {
      type: "saved",
      rows: [{ ...acme, employees: 12, name: "A", version: 2 }],
      sent: { a: { employees: 12, name: "A" } },
      before: { a: { employees: 10, name: "Acme" } },
      undoable: true,
    });
    expect(s.bases).toEqual({});
  });
});
