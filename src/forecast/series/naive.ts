import { residualSigma } from "./intervals.ts";
import type { ComponentFit } from "./series.types.ts";

/** Random walk: every future value equals the last observation. Naive2 is this on adjusted data. */
export function fitNaive(values: readonly number[], horizon: number): ComponentFit {
  const n = values.length;
  let sse = 0;
  for (let t = 1; t < n; t++) sse += (values[t] - values[t - 1]) ** 2;
  return {
    forecast: new Array<number>(horizon).fill(values[n - 1]),
    sigma: residualSigma(sse, n - 1, 0),
    varianceFactors: Array.from({ length: horizon }, (_, h) => h + 1),
  };
}

/**
 * Seasonal random walk: each future value repeats the observation one cycle earlier.
 * A series shorter than one cycle falls back to the plain naive forecast.
 */
export function fitSeasonalNaive(values: readonly number[], horizon: number, season: number): ComponentFit {
  const n = values.length;
  if (season <= 1 || n < season) return fitNaive(values, horizon);
  let sse = 0;
  for (let t = season; t < n; t++) sse += (values[t] - values[t - season]) ** 2;
  return {
    forecast: Array.from({ length: horizon }, (_, h) => values[n - season + (h % season)]),
    sigma: n > season ? residualSigma(sse, n - season, 0) : 0,
    varianceFactors: Array.from({ length: horizon }, (_, h) => Math.floor(h / season) + 1),
  };
}
