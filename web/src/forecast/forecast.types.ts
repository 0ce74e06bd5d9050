/** Shapes of /api/forecast responses the page reads (money in reporting-currency major units). */
export interface GroupForecast {
  group: string | null;
  label: string;
  closed: number;
  open_deals: number;
  forecast: number;
  methods: { weighted: number; stage_conversion: number; model: number };
  categories: {
    closed: number;
    commit: number;
    best_case: number;
    pipeline: number;
    commit_total: number;
    best_case_total: number;
  };
  call: { amount: number; submitted_by: string | null; submitted_at: string; note: string | null } | null;
}

export interface PeriodForecast {
  period: string;
  start: string;
  end: string;
  by: string;
  currency: string;
  today: string;
  headline_method: "model" | "weighted";
  model: { method: "model" | "stage_fallback"; reason: string | null };
  groups: GroupForecast[];
}

export interface Factor {
  feature: string;
  label: string;
  value: string | number;
  effect: number;
  direction: "raises" | "lowers";
}

export interface DealForecast {
  id: string;
  name: string;
  owner: string | null;
  stage: string;
  amount: number;
  probability: number;
  expected_value: number;
  close_date: string | null;
  expected_close: string;
  method: string;
  factors: Factor[];
}

export interface DealList {
  method: string;
  reason: string | null;
  currency: string;
  total: number;
  data: DealForecast[];
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  predicted: number | null;
  observed: number | null;
}

export interface ModelInfo {
  method: "model" | "stage_fallback";
  fallback: boolean;
  reason: string | null;
  counts: { closed: number; won: number; lost: number };
  half_life_days: number | null;
  blend: number | null;
  calibration: "isotonic" | "regression" | null;
  holdout: {
    deals: number;
    auc: number | null;
    brier: number | null;
    baseline: { auc: number | null; brier: number | null };
  } | null;
  reliability: ReliabilityBin[];
}

export interface Accuracy {
  currency: string;
  methods: Record<string, ScoredForecast>;
}

export interface AccuracyScore {
  periods: number;
  mape: number | null;
  bias: number | null;
  accuracy: number | null;
}

/** One method's forecasts against actuals per period, and their score. */
export interface ScoredForecast {
  points: Array<{
    period: string;
    forecast: number | null;
    actual: number | null;
    accuracy: number | null;
  }>;
  score: AccuracyScore;
}

/** GET /api/forecast/accuracy?by=team|owner: each group's headline forecast and call, scored. */
export interface GroupAccuracy {
  by: "team" | "owner";
  currency: string;
  lock_days: number;
  periods: Array<{ period: string; start: string; end: string }>;
  groups: Array<{
    group: string | null;
    label: string;
    methods: Record<"headline" | "call", ScoredForecast>;
  }>;
}

export interface SeriesForecast {
  metric: string;
  currency: string;
  level: number;
  history: Array<{ period: string; value: number }>;
  forecast: Array<{ period: string; value: number; lower: number; upper: number }>;
}

export interface Backtest {
  currency: string;
  quarters: Array<{
    period: string;
    cutoff: string;
    actual: number;
    forecasts: Record<string, number | null>;
    /** Why the quarter was not forecast (no exchange rate known at its start). */
    note: string | null;
  }>;
  methods: Record<
    string,
    { periods: number; mape: number | null; bias: number | null; accuracy: number | null }
  >;
}

/** GET /api/forecast/arr: the ARR bridge from subscriptions and the open pipeline. */
export interface ArrBridge {
  currency: string;
  as_of: string;
  horizon: number;
  contracted: number;
  subscriptions: number;
  open_deals: number;
  deal_method: "model" | "stage_fallback";
  renewal_history: { terms: number; note: string | null };
  months: Array<{
    period: string;
    contracted: number;
    expected_churn: number;
    expected_new: number;
    expected_expansion: number;
    forecast: number;
    renewals_due: { count: number; arr: number };
  }>;
  riskiest_renewals: Array<{
    subscription_id: string;
    account_id: string;
    account: string;
    arr: number;
    renewal_date: string;
    probability: number;
    expected_loss: number;
    reasons: string[];
  }>;
}
