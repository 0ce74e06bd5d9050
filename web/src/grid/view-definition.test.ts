import { describe, expect, it } from "vitest";
import { definitionOf, effectiveSort, paramsOf, sameDefinition } from "./view-definition.ts";

describe("view definitions and URLs", () => {
  it("reads the grid's state from its URL and writes it back", () => {
    const params = new URLSearchParams(
      "view=svw_1&sort=-amount_minor&group=stage&q=acme&status=open&amount_minor[gte]=1000",
    );
    const computed = [
      {
        key: "c_w",
        label: "Weighted",
        formula: "amount_minor * probability / 100",
        format: "money" as const,
      },
    ];
    const def = definitionOf(params, ["name", "stage"], computed);
    expect(def).toEqual({
      columns: ["name", "stage"],
      filters: [
        { field: "status", op: "eq", value: "open" },
        { field: "amount_minor", op: "gte", value: "1000" },
      ],
      sort: "-amount_minor",
      group_by: "stage",
      q: "acme",
      computed,
    });
    expect(paramsOf(def, "svw_1").toString()).toBe(
      "view=svw_1&sort=-amount_minor&group=stage&q=acme&status=open&amount_minor%5Bgte%5D=1000",
    );
  });

  it("compares definitions regardless of filter order and missing nulls", () => {
    const a = definitionOf(new URLSearchParams("a=1&b=2"), ["name"], []);
    const b = definitionOf(new URLSearchParams("b=2&a=1"), ["name"], []);
    expect(sameDefinition(a, b)).toBe(true);
    expect(sameDefinition(a, { ...b, columns: ["name", "x"] })).toBe(false);
    // As stored: the database orders JSON keys its own way.
    const stored = JSON.parse(
      '{"q":null,"sort":null,"columns":["name"],"filters":[{"op":"eq","field":"a","value":"1"},{"op":"eq","field":"b","value":"2"}],"computed":[],"group_by":null}',
    );
    expect(sameDefinition(a, stored)).toBe(true);
  });

  it("sorts by the group field when grouping", () => {
    expect(effectiveSort("-amount_minor", null)).toBe("-amount_minor");
    expect(effectiveSort("-amount_minor", "stage")).toBe("stage");
    expect(effectiveSort("-stage", "stage")).toBe("-stage");
  });
});
