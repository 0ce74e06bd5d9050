/** One period's forecast against what happened. */
export interface ForecastPoint {
  period: string;
  forecast: number | null;
  actual: number | null;
}

export interface ScoredPoint extends ForecastPoint {
  /** 1 − |actual − forecast| / actual, floored at 0 (the metrics engine's forecast accuracy). */
  accuracy: number | null;
  /** (forecast − actual) / actual: positive when the forecast was too high. */
  error: number | null;
}

export interface ForecastScore {
  periods: number;
  /** Mean absolute percentage error over scored periods, as a fraction. */
  mape: number | null;
  /** Mean signed percentage error: positive means forecasts ran high. */
  bias: number | null;
  /** Mean of the periods' accuracies. */
  accuracy: number | null;
}

export function scorePoint(p: ForecastPoint): ScoredPoint {
  if (p.forecast === null || p.actual === null || p.actual === 0)
    return { ...p, accuracy: null, error: null };
  const error = (p.forecast - p.actual) / Math.abs(p.actual);
  return { ...p, accuracy: Math.max(0, 1 - Math.abs(error)), error };
}

/** MAPE, bias and mean accuracy over the periods that have both a forecast and a non-zero actual. */
export function scoreForecastPoints(points: readonly ForecastPoint[]): {
  points: ScoredPoint[];
  score: ForecastScore;
} {
  const scored = points.map(scorePoint);
  const ok = scored.filter((p) => p.error !== null);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    points: scored,
    score: {
      periods: ok.length,
      mape: mean(ok.map((p) => Math.abs(p.error!))),
      bias: mean(ok.map((p) => p.error!)),
      accuracy: mean(ok.map((p) => p.accuracy!)),
    },
  };
}
