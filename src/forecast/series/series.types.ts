/** Methods the engine can run; `auto` is the recommended default (see docs/forecasting.md). */
export const SERIES_METHODS = ["auto", "theta", "dotm", "ets", "ses", "naive2", "snaive", "naive"] as const;
export type SeriesMethod = (typeof SERIES_METHODS)[number];

export interface SeriesForecastOptions {
  /** Number of future periods to forecast (an integer ≥ 1). */
  horizon: number;
  /** Periods per seasonal cycle: 12 for monthly data, 4 for quarterly, 1 for none. Default 12. */
  season?: number;
  /** Prediction-interval coverage in percent (0 < level < 100). Default 80. */
  level?: number;
  /** Default `auto`. */
  method?: SeriesMethod;
}

export interface SeriesForecast {
  /** The method that produced the numbers: a very short series falls back to `naive`. */
  method: SeriesMethod;
  forecast: number[];
  lower: number[];
  upper: number[];
}

/**
 * A model fitted to a prepared (seasonally adjusted, maybe logged) series: its point forecast
 * and what the interval needs — the spread of one-step in-sample errors and, per horizon
 * step h, the factor by which the h-step error variance exceeds the one-step variance.
 */
export interface ComponentFit {
  forecast: number[];
  sigma: number;
  varianceFactors: number[];
}
