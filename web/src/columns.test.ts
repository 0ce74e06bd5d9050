import { describe, expect, it } from "vitest";
import { listColumns } from "./columns.ts";
import type { FieldMeta, ObjectMeta } from "./meta.types.ts";

const field = (name: string, kind: FieldMeta["kind"]): FieldMeta => ({
  name,
  kind,
  required: false,
  readOnly: false,
  immutable: false,
});

const accounts: ObjectMeta = {
  key: "accounts",
  path: "accounts",
  label: "Accounts",
  singular: "account",
  area: "crm",
  titleField: "name",
  searchFields: ["name"],
  defaultSort: "-created_at",
  writable: true,
  related: [],
  fields: [
    field("domain", "text"),
    field("name", "text"),
    field("website", "url"),
    field("segment", "enum"),
    field("annual_revenue_minor", "money"),
    field("currency", "currency"),
    field("owner_id", "ref"),
    field("custom", "json"),
  ],
};

describe("list columns", () => {
  it("puts the title first and leaves out JSON and the currency beside money", () => {
    expect(listColumns(accounts).map((f) => f.name)).toEqual([
      "name",
      "domain",
      "website",
      "segment",
      "annual_revenue_minor",
      "owner_id",
    ]);
  });

  it("keeps the most telling fields, in the object's order, when room is short", () => {
    expect(listColumns(accounts, 4).map((f) => f.name)).toEqual([
      "name",
      "domain",
      "segment",
      "annual_revenue_minor",
    ]);
  });

  it("falls back to the id as title and drops the parent's reference", () => {
    const subscriptions = { ...accounts, titleField: "id" };
    expect(listColumns(subscriptions, 3, ["annual_revenue_minor"]).map((f) => f.name)).toEqual([
      "id",
      "domain",
      "segment",
    ]);
  });
});
