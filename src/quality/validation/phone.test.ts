import { describe, expect, it } from "vitest";
import { countryCode } from "./country.ts";
import { checkPhone, phoneOnWrite } from "./phone.ts";

const hints = (country: string | null, accountCountry: string | null = null) => [
  { from: "the contact's country", country },
  { from: "the account's country", country: accountCountry },
];

describe("countryCode", () => {
  it.each([
    ["DE", "DE"],
    ["de", "DE"],
    ["Germany", "DE"],
    ["United Kingdom", "GB"],
    ["UK", "GB"],
    ["USA", "US"],
    ["United States", "US"],
    ["Japan", "JP"],
    ["  france ", "FR"],
  ])("%s → %s", (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it("knows no country for nonsense or nothing", () => {
    expect(countryCode("Atlantis")).toBeUndefined();
    expect(countryCode(null)).toBeUndefined();
  });
});

describe("checkPhone", () => {
  it.each([
    ["+44 20 7946 0123", "+442079460123", "GB"],
    ["+49 30 12345678", "+493012345678", "DE"],
    ["+33 1 42 68 53 00", "+33142685300", "FR"],
    ["+81 3-1234-5678", "+81312345678", "JP"],
    ["+61 2 5550 1234", "+61255501234", "AU"],
    ["+65 6123 4567", "+6561234567", "SG"],
    ["+1 (212) 555-0123", "+12125550123", "US"],
  ])("reads the international number %s without a country", (raw, e164, country) => {
    expect(checkPhone(raw, hints(null))).toEqual({
      e164,
      valid: true,
      country,
      inferredFrom: null,
      problem: null,
    });
  });

  it.each([
    ["030 12345678", "DE", "+493012345678"],
    ["020 7946 0123", "GB", "+442079460123"],
    ["(212) 555-0123", "US", "+12125550123"],
    ["03-1234-5678", "JP", "+81312345678"],
    ["01 42 68 53 00", "France", "+33142685300"],
  ])("reads the national number %s in %s", (raw, country, e164) => {
    expect(checkPhone(raw, hints(country))).toMatchObject({
      e164,
      valid: true,
      inferredFrom: "the contact's country",
      problem: null,
    });
  });

  it("falls back to the account's country", () => {
    expect(checkPhone("030 12345678", hints(null, "Germany"))).toMatchObject({
      e164: "+493012345678",
      valid: true,
      country: "DE",
      inferredFrom: "the account's country",
    });
  });

  it("cannot read a national number without any country", () => {
    expect(checkPhone("030 12345678", hints(null))).toMatchObject({
      valid: false,
      problem: "country_unknown",
    });
  });

  it("tells an invalid number from text that is no number", () => {
    expect(checkPhone("+1 555 0001", hints(null))).toMatchObject({
      e164: "+15550001",
      valid: false,
      problem: "invalid",
    });
    expect(checkPhone("call reception", hints("US"))).toMatchObject({ e164: null, problem: "unparseable" });
  });
});

describe("phoneOnWrite", () => {
  it("keeps an E.164 number as it is", () => {
    expect(phoneOnWrite("+442079460123", null)).toBe("+442079460123");
  });

  it("strips the spacing of an international number", () => {
    expect(phoneOnWrite(" +44 (0)20-7946.0123", null)).toBe("+442079460123");
    expect(phoneOnWrite("+1 212 555 0123", null)).toBe("+12125550123");
  });

  it("writes a national number in the record's country as E.164", () => {
    expect(phoneOnWrite("030 12345678", "DE")).toBe("+493012345678");
    expect(phoneOnWrite("(212) 555-0123", "United States")).toBe("+12125550123");
  });

  it("keeps what it cannot read as typed", () => {
    expect(phoneOnWrite("030 12345678", null)).toBe("030 12345678");
    expect(phoneOnWrite("12", "DE")).toBe("12");
    expect(phoneOnWrite("ask for Bob", "DE")).toBe("ask for Bob");
    expect(phoneOnWrite("(212) 555-0123 ext. 42", "US")).toBe("(212) 555-0123 ext. 42");
  });
});
