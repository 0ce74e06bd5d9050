import { describe, expect, it } from "vitest";
import { normaliseAccount, normaliseContact } from "./on-write.ts";

describe("normalisation on write", () => {
  it("writes a contact's phone as E.164 when it reads, in the contact's country", () => {
    const row = { phone: "030 12345678", country: "DE" };
    normaliseContact(row, null);
    expect(row.phone).toBe("+493012345678");
  });

  it("keeps a phone it cannot read, and leaves an unchanged phone alone on update", () => {
    const unknown = { phone: "030 12345678", country: null };
    normaliseContact(unknown, null);
    expect(unknown.phone).toBe("030 12345678");
    const before = { phone: "020 7946 0123", country: null };
    const next = { ...before, country: "GB" };
    normaliseContact(next, before);
    expect(next.phone).toBe("020 7946 0123");
  });

  it("reduces an account's domain to the registrable domain", () => {
    const row: Record<string, unknown> = { domain: "https://WWW.eu.Acme.co.uk/about", website: null };
    normaliseAccount(row, null);
    expect(row.domain).toBe("acme.co.uk");
  });

  it("fills an empty domain from a new website, and keeps a domain that is no domain", () => {
    const row: Record<string, unknown> = { domain: null, website: "https://www.initech.com/contact" };
    normaliseAccount(row, null);
    expect(row.domain).toBe("initech.com");
    const junk: Record<string, unknown> = { domain: "n/a", website: null };
    normaliseAccount(junk, null);
    expect(junk.domain).toBe("n/a");
  });

  it("does not overwrite a domain from a changed website", () => {
    const before = { domain: "acme.com", website: "https://acme.com" };
    const next = { ...before, website: "https://acme-shop.com" };
    normaliseAccount(next, before);
    expect(next.domain).toBe("acme.com");
  });
});
