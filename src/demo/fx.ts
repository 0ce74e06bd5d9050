import type { Currency } from "./catalog.ts";
import type { DemoPlan } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { isoDate, monthKey, monthsBetween } from "./time.ts";

/** Converts an amount to US cents at the month's rate. */
export type ToUsd = (amount: number, currency: Currency, at: number) => number;

const PAIRS: Array<[Currency, number, number, [number, number]]> = [
  ["EUR", 1.08, 0.012, [0.98, 1.2]],
  ["GBP", 1.26, 0.014, [1.15, 1.4]],
];

/** Monthly EUR→USD and GBP→USD rates: a bounded random walk from today's levels. */
export function buildFx(plan: DemoPlan, random: Random, out: Tables): ToUsd {
  const rates = new Map<string, number>();
  for (const [base, level, step, [low, high]] of PAIRS) {
    let rate = level;
    for (const month of monthsBetween(plan.start, plan.now)) {
      rate = Math.min(high, Math.max(low, rate + random.between(-step, step)));
      const rounded = Math.round(rate * 10_000) / 10_000;
      rates.set(`${base}:${monthKey(month)}`, rounded);
      emit(
        out,
        "fx_rates",
        demoRecord(mintId("fx_rates", month), `fx-${base}-USD-${monthKey(month)}`, month, month, {
          base_currency: base,
          quote_currency: "USD",
          rate: rounded,
          rate_date: isoDate(month),
        }),
      );
    }
  }
  return (amount, currency, at) =>
    currency === "USD" ? amount : Math.round(amount * (rates.get(`${currency}:${monthKey(at)}`) ?? 1));
}
