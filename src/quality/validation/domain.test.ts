import { describe, expect, it } from "vitest";
import { registrableDomain } from "./domain.ts";

describe("registrableDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["WWW.Acme.COM", "acme.com"],
    ["https://www.acme.com/", "acme.com"],
    ["http://acme.com/pricing?utm_source=x#plans", "acme.com"],
    ["https://eu.shop.acme.co.uk/about", "acme.co.uk"],
    ["acme.com.au", "acme.com.au"],
    ["https://user@acme.io:8080/login", "acme.io"],
    ["acme.myshopify.com", "acme.myshopify.com"],
    ["münchen.de", "münchen.de"],
    ["northwind.example", "northwind.example"],
  ])("%s → %s", (text, domain) => {
    expect(registrableDomain(text)).toBe(domain);
  });

  it.each(["acme", "not a domain", "http://10.0.0.1/", "", "   "])("%j has no domain", (text) => {
    expect(registrableDomain(text)).toBeNull();
  });
});
