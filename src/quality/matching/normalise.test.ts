import { describe, expect, it } from "vitest";
import {
  dateParts,
  detectDayOrder,
  emailParts,
  normaliseAddress,
  normaliseCompany,
  normaliseDate,
  normaliseEmail,
  normalisePhone,
  normalisePostcode,
  normaliseText,
} from "./normalise.ts";

describe("normalisation", () => {
  it("lowercases, strips accents and punctuation, and treats placeholders as missing", () => {
    expect(normaliseText("  José  O'Brien-Smith ")).toBe("jose obrien smith");
    expect(normaliseText("N/A")).toBeNull();
    expect(normaliseText("   ")).toBeNull();
  });

  it("parses dates from the common formats to Y-M-D", () => {
    expect(normaliseDate("19510826")).toBe("1951-08-26");
    expect(normaliseDate("1951-08-26")).toBe("1951-08-26");
    expect(normaliseDate("1951/8/6")).toBe("1951-08-06");
    expect(normaliseDate("2021-03-04T10:00:00Z")).toBe("2021-03-04");
    expect(normaliseDate("26/08/1951")).toBe("1951-08-26");
    expect(normaliseDate("08/26/1951", "mdy")).toBe("1951-08-26");
    expect(normaliseDate("26 Aug 1951")).toBe("1951-08-26");
    expect(normaliseDate("August 26, 1951")).toBe("1951-08-26");
    expect(dateParts("1951-08-26")).toEqual([1951, 8, 26]);
    expect(dateParts("soon")).toBeUndefined();
  });

  it("reads a slash-date column as month-first only when values say so", () => {
    expect(detectDayOrder(["01/02/2020", "13/02/2020"])).toBe("dmy");
    expect(detectDayOrder(["01/02/2020", "02/13/2020"])).toBe("mdy");
  });

  it("normalises emails, phones, postcodes, addresses and company names", () => {
    expect(normaliseEmail(" Ann.Lee+crm@Example.COM ")).toBe("ann.lee+crm@example.com");
    expect(emailParts("ann.lee+crm@example.com")).toEqual({ local: "ann.lee", domain: "example.com" });
    expect(normalisePhone("+44 (20) 7946-0958")).toBe("442079460958");
    expect(normalisePhone("0044 20 7946 0958")).toBe("442079460958");
    expect(normalisePhone("123")).toBeNull();
    expect(normalisePostcode("SW1A 1AA")).toBe("sw1a1aa");
    expect(normaliseAddress("5 Main Street")).toBe("5 main st");
    expect(normaliseCompany("ACME Corp.")).toBe("acme");
    expect(normaliseCompany("The Company")).toBe("the company");
  });
});
