import { describe, expect, it } from "vitest";
import * as v from "./values.ts";

describe("export value parsers", () => {
  it("turns amounts into minor units exactly, per currency", () => {
    expect(v.minorUnits("1,234.50", "USD")).toBe(123450);
    expect(v.minorUnits("19.99", "usd")).toBe(1999);
    expect(v.minorUnits("0.1", "USD")).toBe(10);
    expect(v.minorUnits("1.234,5", "EUR")).toBe(123450);
    expect(v.minorUnits("(12.00)", "USD")).toBe(-1200);
    expect(v.minorUnits("$99", "USD")).toBe(9900);
    expect(v.minorUnits("500", "JPY")).toBe(500);
    expect(v.minorUnits("1.5", "KWD")).toBe(1500);
    expect(v.minorUnits("", "USD")).toBeUndefined();
    expect(() => v.minorUnits("1.234", "USD")).toThrow("more decimals than USD allows");
    expect(() => v.minorUnits("12 dollars", "USD")).toThrow("is not a number");
  });

  it("reads timestamps in ISO, wall-clock (in a time zone), US and Unix forms", () => {
    expect(v.timestamp("2026-01-05T09:12:00Z")).toBe("2026-01-05T09:12:00.000Z");
    expect(v.timestamp("2026-01-05T09:12:00.000+02:00")).toBe("2026-01-05T07:12:00.000Z");
    expect(v.timestamp("2026-01-05 09:12")).toBe("2026-01-05T09:12:00.000Z");
    expect(v.timestamp("2026-07-05 09:12", "Europe/Berlin")).toBe("2026-07-05T07:12:00.000Z");
    expect(v.timestamp("1/15/2026 3:05 PM")).toBe("2026-01-15T15:05:00.000Z");
    expect(v.timestamp("1767225600")).toBe("2026-01-01T00:00:00.000Z");
    expect(() => v.timestamp("2026-02-30 10:00")).toThrow("is not a date and time");
    expect(() => v.timestamp("yesterday")).toThrow();
  });

  it("reads the date forms other exports write: day-first, dotted, slashed ISO, month names, two-digit years", () => {
    // Unambiguous whatever the file's order.
    expect(v.date("31/01/2026")).toBe("2026-01-31");
    expect(v.date("01/31/2026", "dmy")).toBe("2026-01-31");
    expect(v.date("31.01.2026")).toBe("2026-01-31");
    expect(v.date("2026/01/31")).toBe("2026-01-31");
    expect(v.date("Jan 31, 2026")).toBe("2026-01-31");
    expect(v.date("January 31st 2026")).toBe("2026-01-31");
    expect(v.date("31-Jan-26")).toBe("2026-01-31");
    expect(v.date("30 Sept 1999")).toBe("1999-09-30");
    // Ambiguous: the file's order decides (month first by default, as US exports write).
    expect(v.date("03/04/2026")).toBe("2026-03-04");
    expect(v.date("03/04/2026", "dmy")).toBe("2026-04-03");
    expect(v.date("3/4/69")).toBe("1969-03-04");
    expect(v.date("3/4/68")).toBe("2068-03-04");
    expect(() => v.date("31/31/2026")).toThrow("is not a date");
    expect(() => v.date("Foo 12, 2026")).toThrow("is not a date");
    // Timestamps take the same dates, with a 24-hour or AM/PM time, in the zone unless marked UTC.
    expect(v.timestamp("31.01.2026 14:05")).toBe("2026-01-31T14:05:00.000Z");
    expect(v.timestamp("03/04/2026 14:05", "Europe/Paris", "dmy")).toBe("2026-04-03T12:05:00.000Z");
    expect(v.timestamp("Jan 31, 2026, 2:05 PM")).toBe("2026-01-31T14:05:00.000Z");
    expect(v.timestamp("2026-07-05 09:12 UTC", "Europe/Berlin")).toBe("2026-07-05T09:12:00.000Z");
    // A zone written after the time wins over the import's zone.
    expect(v.timestamp("1/15/2026 10:23 AM PST", "Europe/Berlin")).toBe("2026-01-15T18:23:00.000Z");
    expect(v.timestamp("31/01/2026 10:23 +0100")).toBe("2026-01-31T09:23:00.000Z");
    expect(v.timestamp("Jan 31, 2026 23:30 -05:00")).toBe("2026-02-01T04:30:00.000Z");
    expect(v.timestamp("1/15/2026 12:30 AM")).toBe("2026-01-15T00:30:00.000Z");
    expect(() => v.timestamp("1/15/2026 13:05 PM")).toThrow("is not a date and time");
    expect(() => v.timestamp("1/15/2026 10:75")).toThrow("is not a date and time");
  });

  it("tells a file's date order from the dates that can only be read one way", () => {
    expect(v.dateOrderHint("31/01/2026")).toBe("dmy");
    expect(v.dateOrderHint("31-01-2026 10:00")).toBe("dmy");
    expect(v.dateOrderHint("1/31/26")).toBe("mdy");
    expect(v.dateOrderHint("03/04/2026")).toBeNull();
    expect(v.dateOrderHint("31.01.2026")).toBeNull(); // dots are day-first anyway
    expect(v.dateOrderHint("2026-01-31")).toBeNull();
    expect(v.dateOrderHint("Acme 12/24")).toBeNull();
  });

  it("reads dates, booleans, currencies and labels", () => {
    expect(v.date("2026-03-31")).toBe("2026-03-31");
    expect(v.date("3/31/2026")).toBe("2026-03-31");
    expect(v.date("2026-03-31T10:00:00Z")).toBe("2026-03-31");
    expect(() => v.date("2026-13-01")).toThrow("is not a date");
    expect([v.boolean("TRUE"), v.boolean("no"), v.boolean("")]).toEqual([true, false, undefined]);
    expect(v.currency("eur")).toBe("EUR");
    expect(() => v.currency("EURO")).toThrow("ISO 4217");
    expect(v.slug("Proposal/Price Quote")).toBe("proposal_price_quote");
    expect(v.oneOf("Marketing Qualified Lead", { marketing_qualified_lead: "mql" }, "stage")).toBe("mql");
    expect(() => v.oneOf("Champion", { lead: "lead" }, "lifecycle stage")).toThrow(
      '"Champion" is not a known lifecycle stage',
    );
    expect(v.mapped("Custom Stage", {})).toBe("custom_stage");
  });
});
