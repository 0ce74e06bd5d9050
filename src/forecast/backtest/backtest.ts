import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { buildFxTable } from "../../metrics/fx.ts";
import { nextPeriod, type Period, periodOf, previousPeriod } from "../../metrics/periods.ts";
import { fromMinor } from "../../model/money.ts";
import { asOf, type DealHistory, stateAt } from "../deals/deal-history.ts";
import { forecastFromDeals } from "../deals/forecast-deals.ts";
import {
  type ForecastWorkspace,
  loadDeals,
  loadForecastWorkspace,
  startOfDay,
  withFxRates,
} from "../deals/load-deals.ts";
import { forecastPeriod, PERIOD_METHODS } from "../periods/period-forecast.ts";
import { forecastSeries } from "../series/index.ts";
import { type ForecastPoint, scoreForecastPoints } from "../snapshots/scoring.ts";

export const BACKTEST_METHODS = [...PERIOD_METHODS, "series"] as const;
export type BacktestMethod = (typeof BACKTEST_METHODS)[number];
const HISTORY_MONTHS = 36;

/** Won bookings (reporting minor units) per local month of close, among the given deals. */
function monthlyBookings(fw: ForecastWorkspace, deals: readonly DealHistory[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of deals) {
    if (d.outcome !== "won" || d.closedAt === null) continue;
    const day = fw.dayOf(d.closedAt);
    const state = stateAt(d, d.closedAt, fw.stageOrder)!;
    const month = day.slice(0, 7);
    out.set(month, (out.get(month) ?? 0) + fw.convert(state.amount, state.currency, day));
  }
  return out;
}

/** The series engine's bookings for the three months of `period`, fitted on months before it (null without history). */
function seriesForecast(fw: ForecastWorkspace, known: readonly DealHistory[], period: Period): number | null {
  const byMonth = monthlyBookings(fw, known);
  const months: string[] = [];
  let p = previousPeriod(periodOf(period.start, "month"), "month");
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    months.unshift(p.key);
    p = previousPeriod(p, "month");
  }
  const values = months.map((m) => byMonth.get(m) ?? 0);
  const first = values.findIndex((v) => v !== 0);
  if (first < 0) return null;
  const f = forecastSeries(values.slice(first), { horizon: 3, season: 12 });
  return f.forecast.reduce((a, v) => a + Math.max(0, v), 0);
}

export interface BacktestPeriod {
  period: Period;
  cutoff: number;
  /** Per method, the bookings forecast for the period made at its start (reporting minor units). */
  forecasts: Record<BacktestMethod, number | null>;
  actual: number;
  /** Null when the period was not forecast (see note). */
  model: { method: string; reason: string | null; closed: number } | null;
  /** Why the period was not forecast: a currency of its deals had no exchange rate yet. */
  note: string | null;
}

/**
 * The workspace as its exchange rates stood on `day`: only fx_rates rows dated on or before it,
 * and the currencies among `deals` that those rows cannot convert. A workspace without its
 * rows (plain test workspaces) is returned as it is.
 */
function fxAsOf(fw: ForecastWorkspace, day: string, deals: readonly DealHistory[]) {
  if (!fw.fxRates) return { fw, missing: [] as string[] };
  const rates = fw.fxRates.filter((r) => r.rate_date <= day);
  const table = buildFxTable(rates, fw.ws.currency, fw.ws.settings.fx_pivot_currency);
  const currencies = new Set<string>();
  for (const d of deals) {
    currencies.add(d.currency);
    for (const c of d.changes) if (c.currency) currencies.add(c.currency);
  }
  const missing = [...currencies].filter((c) => c !== fw.ws.currency && table.factor(c, day) === undefined);
  return { fw: withFxRates(fw, rates), missing: missing.sort() };
}

/**
 * For each period: the state of every deal as of the period's first instant (asOf: later
 * deals, changes, activities and outcomes are cut away), exchange rates dated on or before
 * that day only, the model trained on deals closed by then, each method's forecast of the
 * period, and the bookings actually won in it (converted with every rate, as the live product
 * does). When a currency of the deals known then had no rate yet, the period is not forecast
 * (every method null, with a note) rather than converted at a rate from its future or with
 * those deals left out.
 */
export function backtestDeals(
  fw: ForecastWorkspace,
  deals: readonly DealHistory[],
  periods: readonly Period[],
): BacktestPeriod[] {
  const actuals = monthlyBookings(fw, deals);
  return periods.map((period) => {
    const cutoff = startOfDay(period.start, fw.ws.timezone);
    const known = asOf(deals, cutoff, fw.stageOrder);
    const months = [0, 1, 2].map((i) => nextMonthKey(period.start, i));
    const actual = months.reduce((a, m) => a + (actuals.get(m) ?? 0), 0);
    const then = fxAsOf(fw, period.start, known);
    if (then.missing.length > 0) {
      const forecasts = Object.fromEntries(
        BACKTEST_METHODS.map((m) => [m, null]),
      ) as BacktestPeriod["forecasts"];
      const note = `Not forecast: no exchange rate for ${then.missing.join(", ")} to ${fw.ws.currency} was dated on or before ${period.start} (add older fx_rates rows to backtest this quarter)`;
      return { period, cutoff, forecasts, actual, model: null, note };
    }
    const f = forecastFromDeals(then.fw, known, cutoff);
    const [company] = forecastPeriod(f, period, "company", []);
    return {
      period,
      cutoff,
      forecasts: { ...company.methods, series: seriesForecast(then.fw, known, period) },
      actual,
      model: { method: f.model.method, reason: f.model.reason, closed: f.model.counts.closed },
      note: null,
    };
  });
}

function nextMonthKey(start: string, i: number): string {
  let p = periodOf(start, "month");
  for (let k = 0; k < i; k++) p = nextPeriod(p, "month");
  return p.key;
}

/** The last `quarters` complete quarters before today, oldest first. */
export function backtestQuarters(today: string, quarters: number): Period[] {
  const out = [previousPeriod(periodOf(today, "quarter"), "quarter")];
  while (out.length < quarters) out.unshift(previousPeriod(out[0], "quarter"));
  return out;
}

/** The backtest over the workspace's own history, per method: MAPE, bias, accuracy and each quarter's numbers (major units). */
export async function runBacktest(
  db: Db,
  workspaceId: string,
  query: { quarters?: string },
  now = new Date(),
) {
  const count = query.quarters === undefined || query.quarters === "" ? 4 : Number(query.quarters);
  if (!Number.isInteger(count) || count < 1 || count > 12) {
    throw new AppError("validation_failed", "quarters: must be a whole number from 1 to 12", {
      field: "quarters",
    });
  }
  const [fw, deals] = await Promise.all([loadForecastWorkspace(db, workspaceId), loadDeals(db, workspaceId)]);
  const periods = backtestQuarters(fw.dayOf(now.getTime()), count);
  const results = backtestDeals(fw, deals, periods);
  const money = (minor: number | null) =>
    minor === null ? null : fromMinor(Math.round(minor), fw.ws.currency);
  return {
    currency: fw.ws.currency,
    quarters: results.map((r) => ({
      period: r.period.key,
      cutoff: new Date(r.cutoff).toISOString(),
      actual: money(r.actual),
      forecasts: Object.fromEntries(BACKTEST_METHODS.map((m) => [m, money(r.forecasts[m])])),
      model: r.model,
      note: r.note,
    })),
    methods: Object.fromEntries(
      BACKTEST_METHODS.map((m) => {
        const points: ForecastPoint[] = results.map((r) => ({
          period: r.period.key,
          forecast: money(r.forecasts[m]),
          actual: money(r.actual),
        }));
        return [m, scoreForecastPoints(points).score];
      }),
    ),
  };
}
