import { describe, expect, it } from "vitest";
import { contacts } from "../../model/objects/crm.objects.ts";
import { mergeRecord } from "./merge-record.ts";
import { DEFAULT_SOURCE_PRIORITY, mayReplace } from "./source-priority.ts";

const at = "2026-02-01T00:00:00.000Z";
const stored = {
  id: "con_1",
  source: "hubspot",
  created_at: new Date("2026-01-01T00:00:00Z"),
  email: "a@x.example",
  title: "CTO",
  field_sources: { title: { source: "revline", at: "2026-01-15T00:00:00.000Z" } },
};

describe("source priority", () => {
  it("ranks listed sources first, in order; unlisted sources are equal and the newest wins", () => {
    const p = {
      default: ["revline", "salesforce"],
      fields: { email: ["hubspot"], "contacts.phone": ["stripe"] },
    };
    expect(mayReplace(p, "contacts", "title", "hubspot", "revline")).toBe(false);
    expect(mayReplace(p, "contacts", "title", "revline", "hubspot")).toBe(true);
    expect(mayReplace(p, "contacts", "title", "hubspot", "zendesk")).toBe(true);
    expect(mayReplace(p, "contacts", "email", "hubspot", "revline")).toBe(true);
    expect(mayReplace(p, "contacts", "phone", "hubspot", "stripe")).toBe(false);
    expect(mayReplace(p, "accounts", "phone", "hubspot", "stripe")).toBe(true);
  });
});

describe("mergeRecord", () => {
  it("a record's own source updates its fields and stamps them", () => {
    const m = mergeRecord(contacts, stored, { email: "b@x.example" }, "hubspot", DEFAULT_SOURCE_PRIORITY, at);
    expect(m.patch).toEqual({ email: "b@x.example" });
    expect(m.fieldSources.email).toEqual({ source: "hubspot", at });
  });

  it("a lower-priority source cannot overwrite a Revline edit; its value is kept as losing, once", () => {
    const m = mergeRecord(
      contacts,
      stored,
      { title: "Chief Technology Officer" },
      "hubspot",
      DEFAULT_SOURCE_PRIORITY,
      at,
    );
    expect(m.patch).toEqual({});
    expect(m.sourcesChanged).toBe(true);
    expect(m.fieldSources.title).toEqual({
      source: "revline",
      at: "2026-01-15T00:00:00.000Z",
      losing: { hubspot: { value: "Chief Technology Officer", at } },
    });
    const again = mergeRecord(
      contacts,
      { ...stored, field_sources: m.fieldSources },
      { title: "Chief Technology Officer" },
      "hubspot",
      DEFAULT_SOURCE_PRIORITY,
      at,
    );
    expect(again.sourcesChanged).toBe(false);
  });

  it("a winning source keeps the value it replaced visible", () => {
    const m = mergeRecord(contacts, stored, { title: "CEO" }, "hubspot", { default: ["hubspot"] }, at);
    expect(m.patch).toEqual({ title: "CEO" });
    expect(m.fieldSources.title).toEqual({
      source: "hubspot",
      at,
      losing: { revline: { value: "CTO", at: "2026-01-15T00:00:00.000Z" } },
    });
  });

  it("saying the same again changes nothing", () => {
    const m = mergeRecord(
      contacts,
      stored,
      { email: "a@x.example", title: "CTO" },
      "hubspot",
      DEFAULT_SOURCE_PRIORITY,
      at,
    );
    expect(m).toEqual({ patch: {}, fieldSources: stored.field_sources, sourcesChanged: false });
  });
});
