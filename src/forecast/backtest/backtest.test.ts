import { describe, expect, it } from "vitest";
import type { FxRate } from "../../metrics/fx.ts";
import { periodOf } from "../../metrics/periods.ts";
import type { DealHistory } from "../deals/deal-history.ts";
import { withFxRates } from "../deals/load-deals.ts";
import { syntheticDeals } from "../deals/synthetic-deals.ts";
import { plainWorkspace } from "../deals/testing-workspace.ts";
import { backtestDeals, backtestQuarters } from "./backtest.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-15T00:00:00Z");
const fw = plainWorkspace();
const q3 = periodOf("2026-07-01", "quarter");
const CUTOFF = Date.parse("2026-07-01T00:00:00Z");

/**
 * Everything recorded after the cut-off, rewritten so that reading any of it would change a
 * forecast: later stage changes jump to negotiation with ten times the amount and an in-quarter
 * close date, later activities pile up, outcomes after the cut-off flip, current-record fields
 * are scrambled, and new deals appear.
 */
function tamperAfter(deals: DealHistory[], cutoff: number): DealHistory[] {
  const changed = deals.map((d) => ({
    ...d,
    stage: "negotiation",
    amount: d.amount * 10,
    closeDate: "2026-08-01",
    forecastCategory: "commit",
    outcome:
      d.closedAt !== null && d.closedAt > cutoff
        ? d.outcome === "won"
          ? ("lost" as const)
          : ("won" as const)
        : d.outcome,
    changes: [
      ...d.changes,
      ...(d.openedAt <= cutoff
        ? [
            {
              at: cutoff + DAY,
              stage: "negotiation",
              amount: d.amount * 10,
              currency: "USD",
              closeDate: "2026-08-01",
              forecastCategory: "commit",
            },
          ]
        : []),
    ].sort((a, b) => a.at - b.at),
    activities: [...d.activities, ...Array.from({ length: 20 }, (_, i) => cutoff + (i + 1) * 3_600_000)].sort(
      (a, b) => a - b,
    ),
  }));
  const fresh = syntheticDeals(200, { seed: 99, end: NOW, days: 100 }).map((d) => ({
    ...d,
    id: `new-${d.id}`,
    openedAt: Math.max(d.openedAt, cutoff + 1),
  }));
  return [...changed, ...fresh];
}

describe("backtest", () => {
  const deals = syntheticDeals(1200, { seed: 11, end: NOW });

  it("never reads data from after its cut-off (leakage test)", () => {
    const [before] = backtestDeals(fw, deals, [q3]);
    const [after] = backtestDeals(fw, tamperAfter(deals, CUTOFF), [q3]);
    expect(before.cutoff).toBe(CUTOFF);
    expect(before.model?.method).toBe("model");
    expect(after.forecasts).toEqual(before.forecasts);
    expect(after.model).toEqual(before.model);
    // The tampering is real: the actuals (which are read after the cut-off, on purpose) moved.
    expect(after.actual).not.toBe(before.actual);
  }, 60_000);

  it("converts with only the exchange rates dated on or before the cut-off day (leakage test)", () => {
    // Every third deal is in EUR. EUR rates are known before the cut-off (2026-07-01) and after it.
    const inEur = deals.map((d, i) =>
      i % 3 === 0 ? { ...d, currency: "EUR", changes: d.changes.map((c) => ({ ...c, currency: "EUR" })) } : d,
    );
    const rate = (date: string, r: number, base = "EUR"): FxRate => ({
      base_currency: base,
      quote_currency: "USD",
      rate: r,
      rate_date: date,
    });
    const rates = [
      rate("2024-01-01", 1.1),
      rate("2026-03-01", 1.05),
      rate("2026-07-01", 1.08),
      rate("2026-07-15", 1.2),
      rate("2026-09-01", 1.25),
    ];
    // Every rate dated after the cut-off day changed, and new ones added after it.
    const rewritten = [
      ...rates.map((r) => (r.rate_date > "2026-07-01" ? { ...r, rate: r.rate * 3 } : r)),
      rate("2026-07-02", 0.5),
      rate("2026-08-20", 2.5),
      rate("2026-08-01", 1.3, "GBP"),
    ];
    const [before] = backtestDeals(withFxRates(fw, rates), inEur, [q3]);
    const [after] = backtestDeals(withFxRates(fw, rewritten), inEur, [q3]);
    expect(before.note).toBeNull();
    expect(before.model?.method).toBe("model");
    for (const value of Object.values(before.forecasts)) expect(value).toBeGreaterThan(0);
    expect(after.forecasts).toEqual(before.forecasts);
    expect(after.model).toEqual(before.model);
    // The rewrite is real: the actuals, converted on the day each deal was won, moved.
    expect(after.actual).not.toBe(before.actual);
    // The EUR amounts were converted (at 1.08 from the cut-off day on), not taken as dollars.
    const [dollars] = backtestDeals(fw, deals, [q3]);
    expect(before.forecasts.weighted).not.toBe(dollars.forecasts.weighted);
  }, 60_000);

  it("does not forecast a quarter whose deals have a currency with no rate dated by the cut-off", () => {
    // CHF deals, but the first CHF rate is dated 2026-07-15: the live conversion falls back on it
    // (the earliest rate) for earlier days; the backtest of Q3 must not, so it says so instead.
    const inChf = deals.map((d, i) =>
      i % 5 === 0 ? { ...d, currency: "CHF", changes: d.changes.map((c) => ({ ...c, currency: "CHF" })) } : d,
    );
    const chf = (date: string, r: number): FxRate => ({
      base_currency: "CHF",
      quote_currency: "USD",
      rate: r,
      rate_date: date,
    });
    const live = withFxRates(fw, [chf("2026-07-15", 1.1)]);
    expect(live.convert(100, "CHF", "2026-06-01")).toBeCloseTo(110, 9);
    const [q3Result, q4Result] = backtestDeals(live, inChf, [q3, periodOf("2026-10-01", "quarter")]);
    expect(Object.values(q3Result.forecasts)).toEqual([null, null, null, null]);
    expect(q3Result.model).toBeNull();
    expect(q3Result.note).toContain("no exchange rate for CHF to USD was dated on or before 2026-07-01");
    expect(q3Result.actual).toBeGreaterThan(0);
    // By Q4's cut-off the rate is known: that quarter is forecast, and a later rate changes nothing.
    expect(q4Result.note).toBeNull();
    expect(q4Result.forecasts.weighted).toBeGreaterThan(0);
    const later = withFxRates(fw, [chf("2026-07-15", 1.1), chf("2026-10-02", 5)]);
    const [, q4Later] = backtestDeals(later, inChf, [q3, periodOf("2026-10-01", "quarter")]);
    expect(q4Later.forecasts).toEqual(q4Result.forecasts);
  }, 60_000);

  it("forecasts each past quarter with every method and measures it against what was won", () => {
    const results = backtestDeals(fw, deals, backtestQuarters("2026-11-15", 2));
    expect(results.map((r) => r.period.key)).toEqual(["2026-Q2", "2026-Q3"]);
    for (const r of results) {
      expect(r.actual).toBeGreaterThan(0);
      for (const value of Object.values(r.forecasts)) expect(value).toBeGreaterThan(0);
    }
  }, 60_000);
});
