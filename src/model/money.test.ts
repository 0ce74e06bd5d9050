import { describe, expect, it } from "vitest";
import { formatMoney, isCurrency, minorDigits, toMinor } from "./money.ts";
import { monthlyRecurringRevenue } from "./mrr.ts";

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(toMinor(19.99, "USD")).toBe(1999);
    expect(toMinor(1500, "JPY")).toBe(1500);
    expect(toMinor(-0.005, "USD")).toBe(-1);
  });

  it("accepts ISO 4217 codes only", () => {
    expect(isCurrency("EUR")).toBe(true);
    expect(isCurrency("EURO")).toBe(false);
    expect(isCurrency("usd")).toBe(false);
  });

  it("formats minor units for people", () => {
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
  });
});

describe("monthly recurring revenue", () => {
  // Worked by hand: 3 × 50.00 + 1 × 20.00 = 170.00 per period.
  const items = [
    { quantity: 3, unit_amount_minor: 5000 },
    { quantity: 1, unit_amount_minor: 2000 },
  ];
  it("normalises every billing interval to a month", () => {
    expect(monthlyRecurringRevenue(items, "month")).toBe(17000);
    expect(monthlyRecurringRevenue(items, "year")).toBe(1417); // 17000 / 12 = 1416.67
    expect(monthlyRecurringRevenue(items, "quarter")).toBe(5667); // 17000 / 3 = 5666.67
    expect(monthlyRecurringRevenue(items, "week")).toBe(73667); // 17000 × 52 / 12 = 73666.67
    expect(monthlyRecurringRevenue([], "month")).toBe(0);
  });
});
