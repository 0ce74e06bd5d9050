import { describe, expect, it } from "vitest";
import { navigate } from "./grid-keys.ts";

const at = { row: 5, col: 2, mod: false, rows: 100, cols: 6, page: 20 };

describe("grid keyboard navigation", () => {
  it("moves by a cell, a screenful, or to the edges", () => {
    expect(navigate("ArrowDown", at)).toEqual({ row: 6, col: 2 });
    expect(navigate("ArrowUp", at)).toEqual({ row: 4, col: 2 });
    expect(navigate("ArrowRight", at)).toEqual({ row: 5, col: 3 });
    expect(navigate("ArrowLeft", at)).toEqual({ row: 5, col: 1 });
    expect(navigate("PageDown", at)).toEqual({ row: 25, col: 2 });
    expect(navigate("PageUp", at)).toEqual({ row: 0, col: 2 });
    expect(navigate("Home", at)).toEqual({ row: 5, col: 0 });
    expect(navigate("End", at)).toEqual({ row: 5, col: 5 });
    expect(navigate("Home", { ...at, mod: true })).toEqual({ row: 0, col: 0 });
    expect(navigate("End", { ...at, mod: true })).toEqual({ row: 99, col: 5 });
    expect(navigate("ArrowDown", { ...at, mod: true })).toEqual({ row: 99, col: 2 });
  });

  it("stays inside the grid and ignores other keys", () => {
    expect(navigate("ArrowUp", { ...at, row: 0 })).toEqual({ row: 0, col: 2 });
    expect(navigate("ArrowRight", { ...at, col: 5 })).toEqual({ row: 5, col: 5 });
    expect(navigate("PageDown", { ...at, row: 95 })).toEqual({ row: 99, col: 2 });
    expect(navigate("a", at)).toBeNull();
  });
});
