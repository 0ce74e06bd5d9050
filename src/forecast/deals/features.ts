import { countAtOrBefore, type DealHistory, type DealState, stateAt } from "./deal-history.ts";

const DAY = 86_400_000;
/** Pseudo-deals of prior (the company's win rate) mixed into each owner's record. */
const OWNER_PRIOR_WEIGHT = 10;

export const NUMERIC_FEATURES = [
  "amount",
  "days_in_stage",
  "deal_age",
  "owner_win_rate",
  "activities_30d",
  "activities_total",
  "days_since_activity",
  "slips",
  "regressions",
  "days_overdue",
] as const;
export const CATEGORICAL_FEATURES = ["stage", "type", "lead_source", "quarter_month"] as const;
export type FeatureName = (typeof NUMERIC_FEATURES)[number] | (typeof CATEGORICAL_FEATURES)[number];

/** How each feature is named to users (top factors). */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  stage: "Stage",
  type: "Deal type",
  lead_source: "Lead source",
  quarter_month: "Month of the quarter",
  amount: "Amount",
  days_in_stage: "Days in stage",
  deal_age: "Deal age (days)",
  owner_win_rate: "Owner's win rate",
  activities_30d: "Activities in the last 30 days",
  activities_total: "Activities so far",
  days_since_activity: "Days since the last activity",
  slips: "Close-date slips",
  regressions: "Stage moves backwards",
  days_overdue: "Days past the close date",
};

/** A deal's features at an instant: model inputs (transformed) and what users are shown. */
export interface FeatureRow {
  numeric: Record<(typeof NUMERIC_FEATURES)[number], number>;
  categorical: Record<(typeof CATEGORICAL_FEATURES)[number], string>;
  shown: Record<FeatureName, string | number>;
  state: DealState;
  /** The amount in reporting-currency minor units at the instant. */
  amount: number;
}

export interface FeatureContext {
  stageOrder: readonly string[];
  /** The local calendar day of an instant (workspace time zone). */
  dayOf(t: number): string;
  /** Minor units of `currency` in reporting minor units on `day`. */
  convert(amount: number, currency: string, day: string): number;
  /** Smoothed win rate of the owner's deals closed before `t`. */
  ownerWinRate(ownerId: string | null, t: number): number;
}

/** Win counts per owner over time, for the smoothed owner prior (only deals closed before the instant count). */
export function ownerPriors(deals: readonly DealHistory[]): (ownerId: string | null, t: number) => number {
  const byOwner = new Map<string, Array<{ at: number; won: number }>>();
  const all: Array<{ at: number; won: number }> = [];
  for (const d of deals) {
    if (d.closedAt === null || d.outcome === null) continue;
    const row = { at: d.closedAt, won: d.outcome === "won" ? 1 : 0 };
    all.push(row);
    const key = d.ownerId ?? "";
    if (!byOwner.has(key)) byOwner.set(key, []);
    byOwner.get(key)!.push(row);
  }
  const index = (rows: Array<{ at: number; won: number }>) => {
    rows.sort((a, b) => a.at - b.at);
    const at = rows.map((r) => r.at);
    const wins = [0];
    for (const r of rows) wins.push(wins[wins.length - 1] + r.won);
    return { at, wins };
  };
  const owners = new Map([...byOwner].map(([k, rows]) => [k, index(rows)]));
  const company = index(all);
  const before = (ix: { at: number[]; wins: number[] }, t: number) => {
    const n = countAtOrBefore(ix.at, t - 1);
    return { n, wins: ix.wins[n] };
  };
  return (ownerId, t) => {
    const c = before(company, t);
    const prior = c.n ? (c.wins + 1) / (c.n + 2) : 0.5;
    const o = owners.get(ownerId ?? "");
    if (!o) return prior;
    const mine = before(o, t);
    return (mine.wins + OWNER_PRIOR_WEIGHT * prior) / (mine.n + OWNER_PRIOR_WEIGHT);
  };
}

/** The deal's features at instant `t` (undefined when it did not exist yet). */
export function featuresAt(deal: DealHistory, t: number, ctx: FeatureContext): FeatureRow | undefined {
  const state = stateAt(deal, t, ctx.stageOrder);
  if (!state) return undefined;
  const day = ctx.dayOf(t);
  const amount = ctx.convert(state.amount, state.currency, day);
  const daysInStage = Math.max(0, (t - state.stageEnteredAt) / DAY);
  const age = Math.max(0, (t - deal.openedAt) / DAY);
  const done = countAtOrBefore(deal.activities, t);
  const recent = done - countAtOrBefore(deal.activities, t - 30 * DAY);
  const sinceLast = done ? Math.min(365, (t - deal.activities[done - 1]) / DAY) : 365;
  const overdue = state.closeDate && state.closeDate < day ? daysBetween(state.closeDate, day) : 0;
  const ownerRate = ctx.ownerWinRate(deal.ownerId, t);
  return {
    numeric: {
      amount: Math.log1p(Math.max(0, amount) / 100),
      days_in_stage: Math.log1p(daysInStage),
      deal_age: Math.log1p(age),
      owner_win_rate: ownerRate,
      activities_30d: Math.log1p(recent),
      activities_total: Math.log1p(done),
      days_since_activity: Math.log1p(sinceLast),
      slips: Math.log1p(state.slips),
      regressions: Math.log1p(state.regressions),
      days_overdue: Math.log1p(overdue),
    },
    categorical: {
      stage: state.stage,
      type: deal.type,
      lead_source: deal.leadSource,
      quarter_month: quarterMonth(day),
    },
    shown: {
      stage: state.stage,
      type: deal.type,
      lead_source: deal.leadSource,
      quarter_month: quarterMonth(day),
      amount: Math.round(amount),
      days_in_stage: Math.floor(daysInStage),
      deal_age: Math.floor(age),
      owner_win_rate: Math.round(ownerRate * 1000) / 1000,
      activities_30d: recent,
      activities_total: done,
      days_since_activity: done ? Math.floor(sinceLast) : "none",
      slips: state.slips,
      regressions: state.regressions,
      days_overdue: overdue,
    },
    state,
    amount,
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** One column of the design matrix: a standardised numeric feature or one category of a categorical one. */
interface Column {
  feature: FeatureName;
  category?: string;
  mean: number;
  sd: number;
}

/** Turns feature rows into numeric vectors: numerics standardised, categories one-hot (rare ones pooled as "other"). */
export interface Encoder {
  columns: Column[];
  encode(row: FeatureRow): number[];
}

const MIN_CATEGORY_ROWS = 5;

export function fitEncoder(rows: readonly FeatureRow[]): Encoder {
  const columns: Column[] = [];
  for (const f of NUMERIC_FEATURES) {
    const values = rows.map((r) => r.numeric[f]);
    const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length || 1)) || 1;
    columns.push({ feature: f, mean, sd });
  }
  const known = new Map<string, Set<string>>();
  for (const f of CATEGORICAL_FEATURES) {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.categorical[f], (counts.get(r.categorical[f]) ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= MIN_CATEGORY_ROWS).map(([c]) => c);
    known.set(f, new Set(kept));
    const levels = kept.sort();
    if (counts.size > levels.length) levels.push("other");
    // A feature with one level carries no information.
    if (levels.length < 2) continue;
    const pooled = new Map<string, number>();
    for (const [c, n] of counts)
      pooled.set(level(c, known.get(f)!), (pooled.get(level(c, known.get(f)!)) ?? 0) + n);
    for (const category of levels) {
      columns.push({ feature: f, category, mean: (pooled.get(category) ?? 0) / rows.length, sd: 1 });
    }
  }
  const encode = (row: FeatureRow) =>
    columns.map((c) => {
      if (c.category === undefined)
        return (row.numeric[c.feature as (typeof NUMERIC_FEATURES)[number]] - c.mean) / c.sd;
      const value = row.categorical[c.feature as (typeof CATEGORICAL_FEATURES)[number]];
      return level(value, known.get(c.feature)!) === c.category ? 1 : 0;
    });
  return { columns, encode };
}

const level = (value: string, known: Set<string>) => (known.has(value) ? value : "other");

const MONTH_OF_QUARTER = ["1st", "2nd", "3rd"];
/** Which month of its calendar quarter a day (YYYY-MM-DD) falls in: quarter-end pushes change win rates. */
export const quarterMonth = (day: string) => MONTH_OF_QUARTER[(Number(day.slice(5, 7)) - 1) % 3];
