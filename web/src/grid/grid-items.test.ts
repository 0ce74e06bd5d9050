import { describe, expect, it } from "vitest";
import { buildItems, type ChildList } from "./grid-items.ts";

const rows = [
  { id: "a", stage: "discovery" },
  { id: "b", stage: "discovery" },
  { id: "c", stage: null },
];
const base = {
  rows,
  total: 10,
  hasMore: true,
  groupBy: null,
  groups: new Map(),
  expanded: new Set<string>(),
  children: () => [],
};

describe("grid items", () => {
  it("lists loaded records and counts the ones still to load", () => {
    const { items, rowItem, placeholders } = buildItems(base);
    expect(items.map((i) => i.type)).toEqual(["row", "row", "row"]);
    expect(rowItem).toEqual([0, 1, 2]);
    expect(placeholders).toBe(7);
    expect(buildItems({ ...base, total: undefined }).placeholders).toBe(1);
    expect(buildItems({ ...base, total: undefined, hasMore: false }).placeholders).toBe(0);
  });

  it("puts a header where the group value changes, with its totals", () => {
    const discovery = { value: "discovery", count: 2, sums: {} };
    const { items, rowItem } = buildItems({
      ...base,
      groupBy: "stage",
      groups: new Map([["discovery", discovery]]),
    });
    expect(items.map((i) => (i.type === "group" ? `group:${i.value}` : i.type))).toEqual([
      "group:discovery",
      "row",
      "row",
      "group:null",
      "row",
    ]);
    expect(items[0]).toMatchObject({ total: discovery });
    expect(rowItem).toEqual([1, 2, 4]);
  });

  it("shows an expanded record's children under it", () => {
    const list: ChildList = {
      object: "opportunities",
      label: "Opportunities",
      path: "opportunities",
      field: "account_id",
      rows: [{ id: "o1" }, { id: "o2" }],
      total: 2,
      loading: false,
    };
    const { items, rowItem } = buildItems({
      ...base,
      expanded: new Set(["a"]),
      children: (id) => (id === "a" ? [list] : []),
    });
    expect(items.map((i) => i.type)).toEqual(["row", "child-header", "child", "child", "row", "row"]);
    expect(rowItem).toEqual([0, 4, 5]);
  });
});
