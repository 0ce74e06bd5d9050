import type { Period } from "../../metrics/periods.ts";
import { stateAt } from "../deals/deal-history.ts";
import type { DealForecast } from "../deals/forecast-deals.ts";

const DAY = 86_400_000;
export const FORECAST_BY = ["company", "team", "owner"] as const;
export type ForecastBy = (typeof FORECAST_BY)[number];
export const PERIOD_METHODS = ["weighted", "stage_conversion", "model"] as const;
export type PeriodMethod = (typeof PERIOD_METHODS)[number];

/** A submitted call (reporting-currency minor units). */
export interface ForecastCall {
  scope: ForecastBy;
  scopeId: string | null;
  amount: number;
  submittedBy: string | null;
  submittedAt: string;
  note: string | null;
}

/** One group's bookings forecast for the period; money in reporting-currency minor units. */
export interface GroupForecast {
  group: string | null;
  /** Won in the period so far. */
  closed: number;
  /** Per method: closed so far plus what the method expects from open deals. */
  methods: Record<PeriodMethod, number>;
  /** Open deals due in the period by their forecast category, and the usual roll-ups. */
  categories: {
    closed: number;
    commit: number;
    best_case: number;
    pipeline: number;
    commit_total: number;
    best_case_total: number;
  };
  openDeals: number;
  call: ForecastCall | null;
}

const dayDiff = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * Bookings (new, expansion and renewal deals won) for `period`, per company, team or owner:
 * - weighted: amount × stage probability of open deals whose close date is in the period (a
 *   close date already past counts in the current period);
 * - stage_conversion: amount × the historical chance a deal in its stage, that long in it, is
 *   won between the period's start (or today) and its end, over every open deal;
 * - model: amount × the deal model's probability for deals the model expects to close in it.
 * `calls` come latest first; each group shows the latest of its scope.
 */
export function forecastPeriod(
  f: DealForecast,
  period: Period,
  by: ForecastBy,
  calls: readonly ForecastCall[],
): GroupForecast[] {
  const today = f.fw.dayOf(f.now);
  const currentPeriod = period.start <= today && today <= period.end;
  const groups = new Map<string | null, GroupForecast>();
  const byId = new Map(f.deals.map((d) => [d.id, d]));
  const keyOf = (deal: { ownerId: string | null; teamId: string | null }) =>
    by === "company" ? null : by === "team" ? deal.teamId : deal.ownerId;
  const group = (key: string | null) => {
    let g = groups.get(key);
    if (!g) {
      g = {
        group: key,
        closed: 0,
        methods: { weighted: 0, stage_conversion: 0, model: 0 },
        categories: { closed: 0, commit: 0, best_case: 0, pipeline: 0, commit_total: 0, best_case_total: 0 },
        openDeals: 0,
        call: null,
      };
      groups.set(key, g);
    }
    return g;
  };
  if (by === "company") group(null);
  for (const c of calls) if (c.scope === by) group(c.scopeId);

  for (const deal of f.deals) {
    if (deal.outcome !== "won" || deal.closedAt === null || deal.closedAt > f.now) continue;
    const day = f.fw.dayOf(deal.closedAt);
    if (day < period.start || day > period.end) continue;
    const state = stateAt(deal, deal.closedAt, f.fw.stageOrder)!;
    group(keyOf(deal)).closed += f.fw.convert(state.amount, state.currency, day);
  }

  const inPeriod = (date: string | null) => {
    if (date === null) return false;
    if (date < today) return currentPeriod;
    return date >= period.start && date <= period.end;
  };
  const fromDays = Math.max(0, dayDiff(today, period.start));
  const toDays = dayDiff(today, period.end);
  for (const p of f.predictions) {
    const deal = byId.get(p.id)!;
    const g = group(keyOf(deal));
    const dueHere = inPeriod(p.closeDate);
    if (dueHere) {
      g.openDeals++;
      g.methods.weighted += p.amount * f.model.stats.probability(p.stage);
      const category = p.forecastCategory as "commit" | "best_case" | "pipeline";
      if (category === "commit" || category === "best_case" || category === "pipeline")
        g.categories[category] += p.amount;
    }
    if (toDays >= 0) {
      const state = stateAt(deal, f.now, f.fw.stageOrder)!;
      const age = (f.now - state.stageEnteredAt) / DAY;
      g.methods.stage_conversion += p.amount * f.model.stats.winWithin(p.stage, age, fromDays, toDays);
    }
    if (p.expectedClose >= period.start && p.expectedClose <= period.end)
      g.methods.model += p.amount * p.probability;
  }
  for (const g of groups.values()) {
    for (const m of Object.keys(g.methods) as PeriodMethod[]) g.methods[m] += g.closed;
    g.categories.closed = g.closed;
    g.categories.commit_total = g.closed + g.categories.commit;
    g.categories.best_case_total = g.categories.commit_total + g.categories.best_case;
    g.call = calls.find((c) => c.scope === by && c.scopeId === g.group) ?? null;
  }
  return [...groups.values()].sort((a, b) =>
    a.group === b.group ? 0 : a.group === null ? 1 : b.group === null ? -1 : a.group < b.group ? -1 : 1,
  );
}
