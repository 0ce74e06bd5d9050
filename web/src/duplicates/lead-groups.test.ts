import { describe, expect, it } from "vitest";
import type { LeadMatch } from "./duplicates.types.ts";
import { groupLeadMatches } from "./lead-groups.ts";

const row = (contact: string, account: string, extra: Partial<LeadMatch> = {}): LeadMatch => ({
  id: `dpr_${contact}_${account}`,
  contact_id: contact,
  email: `${contact}@acme.example`,
  first_name: null,
  last_name: null,
  account_id: account,
  account_name: account.toUpperCase(),
  explanation: { domain: "acme.example" },
  ...extra,
});

describe("grouping lead matches by lead", () => {
  it("gives one row per lead with each matched account, in the API's order", () => {
    const groups = groupLeadMatches([
      row("kim", "acme", { first_name: "Kim", last_name: "Lee" }),
      row("max", "acme"),
      row("max", "acme2"),
    ]);
    expect(groups).toEqual([
      {
        contact_id: "kim",
        email: "kim@acme.example",
        name: "Kim Lee",
        domain: "acme.example",
        accounts: [{ id: "acme", name: "ACME" }],
      },
      {
        contact_id: "max",
        email: "max@acme.example",
        name: "",
        domain: "acme.example",
        accounts: [
          { id: "acme", name: "ACME" },
          { id: "acme2", name: "ACME2" },
        ],
      },
    ]);
  });
});
