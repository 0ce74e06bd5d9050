// Error measures of the M3/M4 competitions, for scoring forecasts against what happened.
import { AppError } from "../../errors/app-error.ts";

const lengthMismatch = (actual: readonly number[], forecast: readonly number[]) =>
  new AppError(
    "validation_failed",
    `forecast must have as many values as actual, at least one (got ${forecast.length} and ${actual.length})`,
    { field: "forecast" },
  );

/**
 * Symmetric MAPE in percent: mean over the horizon of 200·|y − ŷ| / (|y| + |ŷ|). A step where
 * both are zero is a perfect forecast and scores 0.
 */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw lengthMismatch(actual, forecast);
  }
  let total = 0;
  for (let h = 0; h < actual.length; h++) {
    const denominator = Math.abs(actual[h]) + Math.abs(forecast[h]);
    if (denominator > 0) total += (200 * Math.abs(actual[h] - forecast[h])) / denominator;
  }
  return total / actual.length;
}

/**
 * Mean absolute scaled error: the forecast's mean absolute error divided by the in-sample MAE
 * of the seasonal naive forecast at lag `season` (lag 1 when the history is too short for a
 * cycle). Returns NaN when that in-sample MAE is 0 (a flat history), as the scale is undefined.
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  insample: readonly number[],
  season: number,
): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw lengthMismatch(actual, forecast);
  }
  const lag = insample.length > season ? season : 1;
  let scale = 0;
  for (let t = lag; t < insample.length; t++) scale += Math.abs(insample[t] - insample[t - lag]);
  scale /= Math.max(1, insample.length - lag);
  if (!(scale > 0)) return Number.NaN;
  let error = 0;
  for (let h = 0; h < actual.length; h++) error += Math.abs(actual[h] - forecast[h]);
  return error / actual.length / scale;
}
