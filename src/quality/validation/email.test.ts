import { describe, expect, it } from "vitest";
import { checkEmail, isDisposableDomain } from "./email.ts";

describe("checkEmail", () => {
  it("accepts a person's company address, lowercased", () => {
    expect(checkEmail("  Ada.Lovelace@Analytical-Engines.co.uk ")).toEqual({
      email: "ada.lovelace@analytical-engines.co.uk",
      valid: true,
      domain: "analytical-engines.co.uk",
      disposable: false,
      role: false,
      freeMail: false,
    });
  });

  it.each([
    "ada@",
    "@example.com",
    "ada lovelace@example.com",
    "ada@@example.com",
    "ada@localhost",
    "ada@example",
  ])("rejects %s", (email) => {
    expect(checkEmail(email).valid).toBe(false);
  });

  it("flags disposable domains and their subdomains", () => {
    expect(checkEmail("x@mailinator.com")).toMatchObject({ valid: true, disposable: true, freeMail: false });
    expect(isDisposableDomain("inbox.mailinator.com")).toBe(true);
    expect(isDisposableDomain("acme.com")).toBe(false);
  });

  it.each([
    "info@acme.com",
    "sales@acme.com",
    "support@acme.com",
    "admin@acme.com",
    "noreply@acme.com",
    "no-reply@acme.com",
    "info+leads@acme.com",
  ])("flags role address %s", (email) => {
    expect(checkEmail(email).role).toBe(true);
  });

  it("does not take a person for a role", () => {
    expect(checkEmail("salesforce.admin.ada@acme.com").role).toBe(false);
    expect(checkEmail("grace@acme.com").role).toBe(false);
  });

  it.each(["gmail.com", "googlemail.com", "yahoo.com", "hotmail.co.uk", "outlook.com", "web.de", "gmx.de"])(
    "knows %s is free mail",
    (domain) => {
      expect(checkEmail(`ada@${domain}`)).toMatchObject({ valid: true, freeMail: true, disposable: false });
    },
  );
});
