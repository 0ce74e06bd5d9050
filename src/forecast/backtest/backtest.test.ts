import { describe, expect, it } from "vitest";
import { periodOf } from "../../metrics/periods.ts";
import type { DealHistory } from "../deals/deal-history.ts";
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
    expect(before.model.method).toBe("model");
    expect(after.forecasts).toEqual(before.forecasts);
    expect(after.model).toEqual(before.model);
    // The tampering is real: the actuals (which are read after the cut-off, on purpose) moved.
    expect(after.actual).not.toBe(before.actual);
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
