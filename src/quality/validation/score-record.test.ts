import { describe, expect, it } from "vitest";
import { EXPECTED, FIXTURE_ACCOUNTS, FIXTURE_CONTACTS } from "./quality.fixture.ts";
import { qualityObject, scoreRecord } from "./score-record.ts";

const codes = (object: string, row: Record<string, unknown>, account: any = null) =>
  scoreRecord(object, row, account).reasons.map((r) => `${r.code}:${r.penalty}`);

describe("account scores (fixture worked out by hand)", () => {
  it.each(Object.entries(FIXTURE_ACCOUNTS))("%s", (key, row) => {
    expect(scoreRecord("accounts", row).score).toBe(EXPECTED.accounts[key as keyof typeof FIXTURE_ACCOUNTS]);
  });

  it("says why, worst first", () => {
    expect(codes("accounts", FIXTURE_ACCOUNTS.acme)).toEqual([
      "missing_industry:10",
      "missing_owner_id:10",
      "domain_not_normalised:5",
    ]);
    expect(scoreRecord("accounts", FIXTURE_ACCOUNTS.acme).reasons[2]).toEqual({
      field: "domain",
      code: "domain_not_normalised",
      message: 'domain: "www.acme.com" should be acme.com',
      penalty: 5,
    });
    expect(codes("accounts", FIXTURE_ACCOUNTS.gmailco)).toEqual([
      "domain_free_mail:20",
      "website_invalid:10",
    ]);
  });

  it("points to the website when the domain is empty, and to a website of another domain", () => {
    const reasons = scoreRecord("accounts", { ...FIXTURE_ACCOUNTS.northwind, domain: null }).reasons;
    expect(reasons.map((r) => r.message)).toEqual([
      "domain: empty — matching contacts and leads to the account needs it (the website says northwind.example)",
    ]);
    expect(codes("accounts", { ...FIXTURE_ACCOUNTS.northwind, website: "https://other.com" })).toEqual([
      "website_domain_mismatch:5",
    ]);
  });

  it("never goes below 0, and counts a field the data model requires", () => {
    const empty = { name: "", domain: "acme", website: "::", industry: null, country: null };
    expect(codes("accounts", empty)).toEqual([
      "missing_name:30",
      "domain_invalid:25",
      "missing_country:10",
      "missing_industry:10",
      "missing_owner_id:10",
      "website_invalid:10",
      "missing_employees:5",
      "missing_segment:5",
    ]);
    expect(scoreRecord("accounts", empty).score).toBe(0);
  });
});

describe("contact scores (fixture worked out by hand)", () => {
  const accountOf = (key: string | null) =>
    key
      ? {
          country: FIXTURE_ACCOUNTS[key as keyof typeof FIXTURE_ACCOUNTS].country,
          domain: FIXTURE_ACCOUNTS[key as keyof typeof FIXTURE_ACCOUNTS].domain,
        }
      : null;
  const row = (c: (typeof FIXTURE_CONTACTS)[keyof typeof FIXTURE_CONTACTS]) => ({
    ...c,
    account_id: c.account ? `acc_${c.account}` : null,
  });

  it.each(Object.entries(FIXTURE_CONTACTS))("%s", (key, c) => {
    expect(scoreRecord("contacts", row(c), accountOf(c.account)).score).toBe(
      EXPECTED.contacts[key as keyof typeof FIXTURE_CONTACTS],
    );
  });

  it("reads a national phone in the account's country and says so", () => {
    const grace = scoreRecord("contacts", row(FIXTURE_CONTACTS.grace), accountOf("acme"));
    expect(grace.reasons.map((r) => r.message)).toEqual([
      "email: gmail.com is a free mail provider, not a company domain",
      "country: empty — territory routing and phone numbers need it",
      'phone: "030 12345678" is not in E.164 form; it is +493012345678 (country from the account\'s country)',
    ]);
  });

  it("without any country, a national phone cannot be checked", () => {
    expect(codes("contacts", row(FIXTURE_CONTACTS.grace), null)).toContain("phone_country_unknown:10");
  });

  it("flags a company address at another company's domain", () => {
    const c = {
      ...row(FIXTURE_CONTACTS.grace),
      email: "grace@initech.com",
      phone: "+493012345678",
      country: "DE",
    };
    expect(codes("contacts", c, accountOf("acme"))).toEqual(["email_domain_mismatch:5"]);
    expect(codes("contacts", { ...c, email: "grace@mail.acme.com" }, accountOf("acme"))).toEqual([]);
  });
});

describe("qualityObject", () => {
  it("accepts scored objects by key or path and names them otherwise", () => {
    expect(qualityObject("contacts").key).toBe("contacts");
    expect(() => qualityObject("invoices")).toThrow(
      'object: "invoices" has no quality score; scored objects are contacts, accounts',
    );
  });
});
