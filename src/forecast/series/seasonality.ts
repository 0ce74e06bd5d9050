// The M3/M4 reference treatment of seasonality: a 90% autocorrelation test at the seasonal
// lag, then classical multiplicative decomposition to obtain seasonal indices.

/** Sample autocorrelations r_1..r_maxLag (the same estimator as R's `acf`). */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let denominator = 0;
  for (const v of values) denominator += (v - mean) ** 2;
  const result: number[] = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    let numerator = 0;
    for (let t = lag; t < n; t++) numerator += (values[t] - mean) * (values[t - lag] - mean);
    result.push(denominator === 0 ? 0 : numerator / denominator);
  }
  return result;
}

/**
 * True when the autocorrelation at lag `season` is significant at 90% (one-sided critical value
 * 1.645, Bartlett's standard error), as in the M4 reference `SeasonalityTest`. Needs three
 * full cycles; shorter series are treated as non-seasonal.
 */
export function isSeasonal(values: readonly number[], season: number): boolean {
  const n = values.length;
  if (season <= 1 || n < 3 * season) return false;
  const acf = autocorrelations(values, season);
  let sumSquares = 0;
  for (let k = 0; k < season - 1; k++) sumSquares += acf[k] ** 2;
  const limit = (1.645 / Math.sqrt(n)) * Math.sqrt(1 + 2 * sumSquares);
  return Math.abs(acf[season - 1]) > limit;
}

/** Each observation divided by its centred moving average (2×m MA for even m), grouped by position in the cycle. */
function ratiosToTrend(values: readonly number[], season: number): number[][] {
  const n = values.length;
  const half = Math.floor(season / 2);
  const ratios: number[][] = Array.from({ length: season }, () => []);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (season % 2 === 0) {
      trend = (values[t - half] + values[t + half]) / 2;
      for (let k = -half + 1; k < half; k++) trend += values[t + k];
    } else {
      for (let k = -half; k <= half; k++) trend += values[t + k];
    }
    ratios[t % season].push(values[t] / (trend / season));
  }
  return ratios;
}

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Seasonal indices of classical multiplicative decomposition (R's `decompose`): the ratios to
 * the centred moving average averaged per position in the cycle, normalised to mean 1. Index i
 * belongs to observations t with t mod season = i.
 *
 * With `shrink`, the indices are pulled towards 1 by the James–Stein factor
 * 1 − (m − 3)·v / Σ(Sᵢ − 1)², v being the sampling variance of one index estimated from the
 * year-to-year scatter of the ratios. Miller & Williams (2003) showed this shrinkage makes
 * M3 monthly forecasts more accurate: noisy seasonal patterns are trusted less.
 */
export function multiplicativeSeasonalIndices(
  values: readonly number[],
  season: number,
  shrink = false,
): number[] {
  const ratios = ratiosToTrend(values, season);
  const raw = ratios.map((r) => (r.length > 0 ? meanOf(r) : 1));
  const rawMean = meanOf(raw);
  const indices = raw.map((index) => index / rawMean);
  if (!shrink || season <= 3) return indices;
  let scatter = 0;
  let count = 0;
  ratios.forEach((r, i) => {
    for (const ratio of r) scatter += (ratio - raw[i]) ** 2;
    count += r.length;
  });
  const between = indices.reduce((sum, index) => sum + (index - 1) ** 2, 0);
  if (count <= season || between === 0) return indices;
  const indexVariance = scatter / (count - season) / rawMean ** 2 / (count / season);
  const factor = Math.max(0, 1 - ((season - 3) * indexVariance) / between);
  return indices.map((index) => 1 + factor * (index - 1));
}

export interface SeasonalAdjustment {
  /** The series divided by its seasonal index (the series itself when not seasonal). */
  adjusted: number[];
  /** Seasonal index for future step h = 1..horizon, at position h - 1 (all 1 when not seasonal). */
  futureIndices: number[];
  seasonal: boolean;
}

/**
 * Deseasonalises a series when it is seasonal by the 90% test. Multiplicative indices only
 * make sense for positive data, so series with a zero or negative value are left unadjusted.
 */
export function adjustForSeasonality(
  values: readonly number[],
  season: number,
  horizon: number,
  shrink = false,
): SeasonalAdjustment {
  const n = values.length;
  const positive = values.every((v) => v > 0);
  if (!positive || !isSeasonal(values, season)) {
    return { adjusted: [...values], futureIndices: new Array<number>(horizon).fill(1), seasonal: false };
  }
  const indices = multiplicativeSeasonalIndices(values, season, shrink);
  return {
    adjusted: values.map((v, t) => v / indices[t % season]),
    futureIndices: Array.from({ length: horizon }, (_, h) => indices[(n + h) % season]),
    seasonal: true,
  };
}
