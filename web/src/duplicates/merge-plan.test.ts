import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../meta.types.ts";
import {
  differs,
  fieldOverrides,
  formatProbability,
  formatWeight,
  mergeFields,
  suggestedSurvivor,
} from "./merge-plan.ts";

const field = (name: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({
  name,
  kind: "text",
  required: false,
  readOnly: false,
  immutable: false,
  ...extra,
});
const fields = [field("first_name"), field("email"), field("phone"), field("score", { readOnly: true })];
const a = {
  id: "con_a",
  first_name: "Ada",
  email: "ada@x.example",
  phone: null,
  created_at: "2026-01-01T00:00:00Z",
};
const b = {
  id: "con_b",
  first_name: "Ada",
  email: "a.l@x.example",
  phone: "+1 555",
  created_at: "2026-02-01T00:00:00Z",
};

describe("merge plan", () => {
  it("lists choosable fields, differing ones first", () => {
    expect(mergeFields(fields, [a, b]).map((f) => f.name)).toEqual(["email", "phone", "first_name"]);
    expect(differs([a, b], "phone")).toBe(true);
    expect(differs([a, b], "first_name")).toBe(false);
  });

  it("suggests the most complete record, the oldest on a tie", () => {
    expect(suggestedSurvivor(fields, [a, b])).toBe("con_b");
    expect(suggestedSurvivor(fields, [b, { ...a, phone: "+1 556" }])).toBe("con_a");
  });

  it("sends only the choices that take another record's differing value, or pin the survivor's", () => {
    expect(fieldOverrides([a, b], "con_a", { email: "con_b", first_name: "con_b", phone: "con_a" })).toEqual({
      email: "con_b",
      phone: "con_a",
    });
  });

  it("formats weights and probabilities without rounding certainty up", () => {
    expect(formatWeight(3.24)).toBe("+3.2");
    expect(formatWeight(-1)).toBe("−1.0");
    expect(formatProbability(0.99996)).toBe("99.9%");
    expect(formatProbability(0.8)).toBe("80.0%");
  });
});
