import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCE_PRIORITY } from "../../ingest/index.ts";
import { objectDef } from "../../model/registry.ts";
import { chooseSurvivingValues, defaultSurvivor } from "./survivorship.ts";

const contacts = objectDef("contacts");
// The survivor came from HubSpot in January; the duplicate from Salesforce in March.
const survivor = {
  id: "con_s",
  source: "hubspot",
  created_at: "2026-01-10T00:00:00Z",
  updated_at: "2026-01-10T00:00:00Z",
  first_name: "Ada",
  title: "CTO",
  phone: null,
  country: "GB",
  custom: {},
};
const duplicate = {
  id: "con_d",
  source: "salesforce",
  created_at: "2026-03-02T00:00:00Z",
  updated_at: "2026-03-02T00:00:00Z",
  first_name: "Ada",
  title: "Chief Technology Officer",
  phone: "+44 20 7946 0000",
  country: "GB",
  custom: {},
};
const records = [survivor, duplicate];
const choice = (result: ReturnType<typeof chooseSurvivingValues>, field: string) =>
  result.choices.find((c) => c.field === field);

describe("survivorship", () => {
  it("takes the most recent value between sources of equal priority", () => {
    const result = chooseSurvivingValues(contacts, records, "con_s", {}, DEFAULT_SOURCE_PRIORITY);
    expect(choice(result, "title")).toMatchObject({
      record_id: "con_d",
      rule: "most_recent",
      source: "salesforce",
    });
    expect(result.patch.title).toBe("Chief Technology Officer");
  });

  it("lets the workspace's source priority outrank recency", () => {
    const priority = { default: ["revline"], fields: { "contacts.title": ["hubspot", "salesforce"] } };
    const result = chooseSurvivingValues(contacts, records, "con_s", {}, priority);
    expect(choice(result, "title")).toMatchObject({ record_id: "con_s", rule: "source_priority" });
    expect(result.patch).not.toHaveProperty("title");
  });

  it("fills a field only another record has (most complete) and keeps agreeing values", () => {
    const result = chooseSurvivingValues(contacts, records, "con_s", {}, DEFAULT_SOURCE_PRIORITY);
    expect(choice(result, "phone")).toMatchObject({ record_id: "con_d", rule: "only_value" });
    expect(choice(result, "first_name")).toMatchObject({ record_id: "con_s", rule: "survivor" });
    expect(choice(result, "custom")).toBeUndefined();
    expect(result.patch).toEqual({ title: "Chief Technology Officer", phone: "+44 20 7946 0000" });
  });

  it("obeys the user's choice per field, even an empty value", () => {
    const result = chooseSurvivingValues(
      contacts,
      records,
      "con_s",
      { title: "con_s", phone: "con_s" },
      DEFAULT_SOURCE_PRIORITY,
    );
    expect(result.patch).toEqual({});
    expect(choice(result, "phone")).toMatchObject({ record_id: "con_s", rule: "chosen", value: null });
  });

  it("suggests the most complete record as the survivor", () => {
    expect(defaultSurvivor(contacts, records).id).toBe("con_d");
  });
});
