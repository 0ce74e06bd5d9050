import { describe, expect, it } from "vitest";
import { DEFAULT_DEDUPE_SETTINGS } from "./dedupe-settings.ts";
import { findDuplicates, pairKey, untrustedFields } from "./find-duplicates.ts";
import { matchLeadsToAccounts } from "./lead-matches.ts";
import { emailDomain, normaliseDomain } from "./normalise-domain.ts";
import { syntheticRecords } from "./testing/synthetic-records.ts";

const synthetic = syntheticRecords;

describe("finding duplicates for review", () => {
  const { loaded, entity } = synthetic(2000);
  const found = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, new Set());

  it("groups records of one person into clusters, precisely", () => {
    expect(found.untrustedFields).toEqual([]);
    expect(found.clusters.length).toBeGreaterThan(60);
    const pure = found.clusters.filter((c) => new Set(c.recordIds.map((id) => entity.get(id))).size === 1);
    expect(pure.length / found.clusters.length).toBeGreaterThan(0.97);
    const top = found.clusters[0];
    expect(top.pairs[0].explanation.fields.map((f) => f.field)).toEqual([
      "first_name",
      "last_name",
      "email",
      "phone",
      "company",
    ]);
    for (const c of found.clusters.filter((c) => c.automatic))
      expect(Math.max(...c.pairs.map((p) => p.probability))).toBeGreaterThanOrEqual(0.99);
  });

  it("leaves out pairs decided not to be duplicates", { timeout: 30_000 }, () => {
    const two = found.clusters.find((c) => c.recordIds.length === 2)!;
    const decided = new Set([pairKey(two.recordIds[1], two.recordIds[0])]);
    const again = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, decided);
    expect(again.rejectedPairs).toBe(1);
    expect(again.clusters.some((c) => c.recordIds.join() === two.recordIds.join())).toBe(false);
  });

  it("distrusts a model whose matches do not agree on identifying fields", () => {
    const field = (name: string, type: string, mExact: number) => ({
      name,
      type,
      labels: [],
      m: [1, mExact],
      u: [1, 0.01],
    });
    const model = (fields: ReturnType<typeof field>[]) => ({ fields }) as never;
    // Demo data without duplicates: EM modelled colleagues (same company, different people).
    expect(
      untrustedFields(
        model([
          field("first_name", "first_name", 0.03),
          field("last_name", "last_name", 0.1),
          field("email", "email", 0),
          field("company", "company", 0.11),
        ]),
      ),
    ).toEqual(["first_name", "last_name", "email", "company"]);
    // With duplicates whose copies always change email: still a model of duplicates.
    expect(
      untrustedFields(
        model([
          field("first_name", "first_name", 0.82),
          field("last_name", "last_name", 0.67),
          field("email", "email", 0),
          field("company", "company", 0.56),
        ]),
      ),
    ).toEqual([]);
  });
});

describe("leads to accounts by email domain", () => {
  it("normalises websites and skips free mail", () => {
    expect(normaliseDomain("https://www.Acme.example/about?x=1")).toBe("acme.example");
    // A mail subdomain belongs to the company: its registrable domain is what accounts match on.
    expect(emailDomain("Kim@Sub.Acme.example")).toBe("acme.example");
    const matches = matchLeadsToAccounts(
      [
        { id: "con_1", email: "kim@acme.example" },
        { id: "con_2", email: "kim@gmail.com" },
        { id: "con_3", email: "lee@twins.example" },
      ],
      [
        { id: "acc_1", domain: "https://www.acme.example" },
        { id: "acc_g", domain: "gmail.com" },
        { id: "acc_t1", domain: "twins.example" },
        { id: "acc_t2", domain: "twins.example" },
      ],
    );
    expect(matches).toEqual([
      { contact_id: "con_1", account_id: "acc_1", domain: "acme.example", candidates: 1 },
      { contact_id: "con_3", account_id: "acc_t1", domain: "twins.example", candidates: 2 },
      { contact_id: "con_3", account_id: "acc_t2", domain: "twins.example", candidates: 2 },
    ]);
  });
});
