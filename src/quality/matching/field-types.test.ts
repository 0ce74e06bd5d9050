import { describe, expect, it } from "vitest";
import { inferFieldType, parseFieldSpecs, resolveFieldSpecs, typeFromName } from "./field-types.ts";

describe("field type inference", () => {
  it("reads types from column names", () => {
    expect(typeFromName("given_name")).toBe("first_name");
    expect(typeFromName("FirstName")).toBe("first_name");
    expect(typeFromName("surname")).toBe("last_name");
    expect(typeFromName("Full Name")).toBe("person_name");
    expect(typeFromName("date_of_birth")).toBe("date");
    expect(typeFromName("Mobile")).toBe("phone");
    expect(typeFromName("zip")).toBe("postcode");
    expect(typeFromName("address_1")).toBe("address");
    expect(typeFromName("company_name")).toBe("company");
    expect(typeFromName("soc_sec_id")).toBe("exact");
    expect(typeFromName("suburb")).toBeUndefined();
  });

  it("reads types from values when the name says nothing or values are unambiguous", () => {
    expect(inferFieldType("contact", ["ann@x.com", "bob@y.org", "cy@z.net"])).toBe("email");
    expect(inferFieldType("when", ["2020-01-02", "1999-12-31", ""])).toBe("date");
    expect(inferFieldType("c1", ["19510826", "19990219", "20010101"])).toBe("date");
    expect(inferFieldType("c2", ["+1 (555) 123-4567", "555.123.9876", "+44 20 7946 0958"])).toBe("phone");
    expect(inferFieldType("ref", ["6988048", "7364009", "1234567"])).toBe("exact");
    expect(inferFieldType("street_number", ["6", "69", "144"])).toBe("exact");
    expect(inferFieldType("suburb", ["st james", "bittern", "kellerberrin"])).toBe("text");
  });

  it("leaves out the id column, ignored columns and empty columns", () => {
    const specs = resolveFieldSpecs(
      ["id", "name", "email", "label", "blank"],
      [
        ["1", "2"],
        ["Ann Lee", "Bob Ray"],
        ["ann@x.com", "bob@y.org"],
        ["a", "b"],
        ["", ""],
      ],
      { idColumn: "id", ignore: ["label"] },
    );
    expect(specs).toEqual([
      { name: "name", type: "person_name" },
      { name: "email", type: "email" },
    ]);
  });

  it("parses --fields and names the column of a bad entry", () => {
    expect(parseFieldSpecs("given:first_name, dob:date,zip:postcode")).toEqual([
      { name: "given", type: "first_name" },
      { name: "dob", type: "date" },
      { name: "zip", type: "postcode" },
    ]);
    expect(() => parseFieldSpecs("given:nickname")).toThrow(/given.*unknown type "nickname"/);
    expect(() => parseFieldSpecs("given")).toThrow(/NAME:TYPE/);
    expect(() => resolveFieldSpecs(["id"], [["1"]], { idColumn: "id", ignore: ["cluster"] })).toThrow(
      /cluster/,
    );
  });
});
