/**
 * A small workspace whose scores are worked out by hand (penalties from reasons.ts and
 * required-fields.ts), shared by the unit test and the API test.
 *
 * Accounts
 * - acme: industry and owner empty (10 + 10), domain "www.acme.com" not normalised (5) → 75
 * - gmailco: domain is free mail (20), website "not a site" (10) → 70
 * - northwind: everything filled and consistent → 100
 * Mean (75 + 70 + 100) / 3 = 81.7; buckets poor 0, fair 2, good 0, perfect 1.
 *
 * Contacts (acme is in DE with domain www.acme.com)
 * - ada (acme): title and country empty (5 + 5), info@mailinator.com disposable (30) and role (10) → 50
 * - grace (acme): country empty (5), gmail.com free mail (10), "030 12345678" read in the
 *   account's country is +493012345678, not E.164 as stored (5) → 80
 * - nobody: no email or phone (25), first name (10), last name (10), account (10), title (5),
 *   country (5) → 35
 * - broken (northwind): "not-an-email" invalid (40), +1 555 0001 is no US number (20) → 40
 * Mean (50 + 80 + 35 + 40) / 4 = 51.25 → 51.3; buckets poor 2, fair 1, good 1, perfect 0.
 */
export const FIXTURE_ACCOUNTS = {
  acme: {
    name: "Acme",
    domain: "www.acme.com",
    website: "https://acme.com/about",
    industry: null,
    country: "DE",
    owner_id: null,
    segment: "smb",
    employees: 50,
  },
  gmailco: {
    name: "Gmail Co",
    domain: "gmail.com",
    website: "not a site",
    industry: "Software",
    country: "US",
    owner_id: "OWNER",
    segment: "smb",
    employees: 10,
  },
  northwind: {
    name: "Northwind",
    domain: "northwind.example",
    website: "https://www.northwind.example/",
    industry: "Retail",
    country: "US",
    owner_id: "OWNER",
    segment: "mid_market",
    employees: 800,
  },
};

export const FIXTURE_CONTACTS = {
  ada: {
    account: "acme",
    first_name: "Ada",
    last_name: "Lovelace",
    email: "info@mailinator.com",
    phone: null,
    title: null,
    country: null,
  },
  grace: {
    account: "acme",
    first_name: "Grace",
    last_name: "Hopper",
    email: "grace@gmail.com",
    phone: "030 12345678",
    title: "CTO",
    country: null,
  },
  nobody: {
    account: null,
    first_name: null,
    last_name: null,
    email: null,
    phone: null,
    title: null,
    country: null,
  },
  broken: {
    account: "northwind",
    first_name: "Alan",
    last_name: "Turing",
    email: "not-an-email",
    phone: "+1 555 0001",
    title: "Engineer",
    country: "US",
  },
} as const;

export const EXPECTED = {
  accounts: { acme: 75, gmailco: 70, northwind: 100, mean: 81.7, buckets: [0, 2, 0, 1] },
  contacts: { ada: 50, grace: 80, nobody: 35, broken: 40, mean: 51.3, buckets: [2, 1, 1, 0] },
};
