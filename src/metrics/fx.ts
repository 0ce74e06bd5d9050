import { createHash } from "node:crypto";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { minorDigits } from "../model/money.ts";
import { addDays } from "./periods.ts";

export interface FxRate {
  base_currency: string;
  quote_currency: string;
  rate: number;
  rate_date: string;
}

/**
 * Converts minor units of any currency into minor units of the reporting currency on a date.
 * `factor(c, d)` is the number of reporting minor units one minor unit of `c` is worth on `d`:
 * the rate of the latest `fx_rates` row dated on or before `d` (direct pair, or the inverse
 * pair), else through the pivot currency (c → USD → reporting); when every rate of the pair is
 * dated after `d`, the earliest one. A currency with no rate at all cannot be converted.
 */
export interface FxTable {
  reporting: string;
  factor(currency: string, day: string): number | undefined;
  /** Every convertible currency on every day of [from, to], for SQL joins on (currency, day). */
  daily(from: string, to: string): Array<{ currency: string; day: string; factor: number }>;
  /** Changes whenever a rate does: pre-aggregates converted with the table compare it. */
  fingerprint: string;
}

type Series = Array<{ date: string; rate: number }>;

/** The rate in force on `day` in a date-sorted series: latest on or before, else the earliest. */
function rateOn(series: Series, day: string): number | undefined {
  if (series.length === 0) return undefined;
  let lo = 0;
  let hi = series.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid].date <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return series[found === -1 ? 0 : found].rate;
}

export function buildFxTable(rates: FxRate[], reporting: string, pivot = "USD"): FxTable {
  // Per ordered pair and date: a row stated in that direction wins over the inverse of one
  // stated the other way.
  const byPair = new Map<string, Map<string, { rate: number; stated: boolean }>>();
  const put = (key: string, date: string, rate: number, stated: boolean) => {
    if (!byPair.has(key)) byPair.set(key, new Map());
    const dates = byPair.get(key)!;
    if (!dates.get(date)?.stated) dates.set(date, { rate, stated });
  };
  for (const r of rates) {
    if (!(r.rate > 0)) continue;
    put(`${r.base_currency}>${r.quote_currency}`, r.rate_date, r.rate, true);
    put(`${r.quote_currency}>${r.base_currency}`, r.rate_date, 1 / r.rate, false);
  }
  const pairs = new Map<string, Series>();
  for (const [key, dates] of byPair) {
    const series = [...dates].map(([date, v]) => ({ date, rate: v.rate }));
    pairs.set(
      key,
      series.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    );
  }
  const majorRate = (from: string, to: string, day: string): number | undefined => {
    if (from === to) return 1;
    const direct = pairs.get(`${from}>${to}`);
    if (direct) return rateOn(direct, day);
    if (from !== pivot && to !== pivot) {
      const a = pairs.get(`${from}>${pivot}`);
      const b = pairs.get(`${pivot}>${to}`);
      if (a && b) return rateOn(a, day)! * rateOn(b, day)!;
    }
    return undefined;
  };
  const scale = (currency: string) => 10 ** (minorDigits(reporting) - minorDigits(currency));
  const factor = (currency: string, day: string): number | undefined => {
    const rate = majorRate(currency, reporting, day);
    return rate === undefined ? undefined : rate * scale(currency);
  };
  const currencies = new Set<string>([reporting]);
  for (const key of pairs.keys()) currencies.add(key.split(">")[0]);
  const hash = createHash("sha256").update(`${reporting}/${pivot}`);
  for (const key of [...pairs.keys()].sort())
    for (const { date, rate } of pairs.get(key)!) hash.update(`|${key}@${date}=${rate}`);
  return {
    reporting,
    factor,
    fingerprint: hash.digest("base64url"),
    daily(from, to) {
      const out: Array<{ currency: string; day: string; factor: number }> = [];
      for (const currency of currencies) {
        for (let day = from; day <= to; day = addDays(day, 1)) {
          const f = factor(currency, day);
          if (f !== undefined) out.push({ currency, day, factor: f });
        }
      }
      return out;
    },
  };
}

/** Every fx_rates row of the workspace (a backtest builds tables from those dated before its cut-off). */
export async function loadFxRates(db: Db, workspaceId: string): Promise<FxRate[]> {
  return (await db
    .selectFrom("fx_rates")
    .select(["base_currency", "quote_currency", "rate", "rate_date"])
    .where("workspace_id", "=", workspaceId)
    .execute()) as FxRate[];
}

export async function loadFxTable(db: Db, workspaceId: string, reporting: string, pivot: string) {
  return buildFxTable(await loadFxRates(db, workspaceId), reporting, pivot);
}

/** The error when amounts in `currencies` had no rate to the reporting currency. */
export function missingRateError(currencies: string[], reporting: string): AppError {
  const list = currencies.join(", ");
  return new AppError(
    "validation_failed",
    `fx_rates: no exchange rate converts ${list} to the reporting currency ${reporting}; add fx_rates rows (base ${currencies[0]}, quote ${reporting})`,
    { field: "fx_rates" },
  );
}
