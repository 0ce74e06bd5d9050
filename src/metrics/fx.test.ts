import { describe, expect, it } from "vitest";
import { buildFxTable, type FxRate } from "./fx.ts";
import { resolveSettings } from "./settings.ts";

const rate = (base: string, quote: string, value: number, date: string): FxRate => ({
  base_currency: base,
  quote_currency: quote,
  rate: value,
  rate_date: date,
});

describe("FX conversion with dated rates", () => {
  const fx = buildFxTable(
    [
      rate("EUR", "USD", 1.1, "2026-01-31"),
      rate("EUR", "USD", 1.2, "2026-02-28"),
      rate("USD", "JPY", 150, "2026-01-01"),
      rate("GBP", "USD", 1.25, "2026-01-01"),
    ],
    "USD",
  );

  it("uses the latest rate on or before the date, the earliest one before any", () => {
    expect(fx.factor("USD", "2026-02-10")).toBe(1);
    expect(fx.factor("EUR", "2026-02-27")).toBe(1.1);
    expect(fx.factor("EUR", "2026-02-28")).toBe(1.2);
    expect(fx.factor("EUR", "2030-01-01")).toBe(1.2);
    // Before the first rate: the earliest one (documented fallback).
    expect(fx.factor("EUR", "2025-06-01")).toBe(1.1);
  });

  it("inverts pairs stated the other way and scales minor units (JPY has none)", () => {
    // 1 JPY = 1/150 USD; one yen (minor unit) is 100/150 US cents.
    expect(fx.factor("JPY", "2026-03-01")).toBeCloseTo(100 / 150, 12);
  });

  it("crosses through the pivot currency, and knows what it cannot convert", () => {
    const eur = buildFxTable(
      [rate("GBP", "USD", 1.25, "2026-01-01"), rate("EUR", "USD", 1.1, "2026-01-01")],
      "EUR",
    );
    expect(eur.factor("GBP", "2026-01-02")).toBeCloseTo(1.25 / 1.1, 12);
    expect(eur.factor("CHF", "2026-01-02")).toBeUndefined();
    expect(eur.daily("2026-01-01", "2026-01-02").filter((r) => r.currency === "GBP")).toHaveLength(2);
  });
});

describe("metric settings", () => {
  it("fills defaults and names a bad setting", () => {
    expect(resolveSettings({}).mrr_statuses).toEqual(["active", "past_due"]);
    expect(resolveSettings({ gross_margin: 0.7 }).gross_margin).toBe(0.7);
    expect(() => resolveSettings({ gross_margin: 2 })).toThrow(/settings.metrics.gross_margin/);
    expect(() => resolveSettings({ churn_denominatr: "start" })).toThrow();
  });
});
