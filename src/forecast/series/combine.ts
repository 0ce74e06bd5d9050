import { componentInterval } from "./intervals.ts";
import type { ComponentFit } from "./series.types.ts";

export interface Band {
  forecast: number[];
  lower: number[];
  upper: number[];
}

/** A component's point forecast with its own normal interval. */
export function toBand(fit: ComponentFit, level: number): Band {
  return { forecast: fit.forecast, ...componentInterval(fit, level) };
}

/**
 * Equal-weight combination: the mean of the point forecasts and, as Lichtendahl, Grushka-Cockayne
 * & Winkler (2013) recommend for combining interval forecasts, the mean of the bounds.
 */
export function combineBands(bands: readonly Band[]): Band {
  const horizon = bands[0].forecast.length;
  const mean = (pick: (band: Band) => number[], h: number) =>
    bands.reduce((sum, band) => sum + pick(band)[h], 0) / bands.length;
  return {
    forecast: Array.from({ length: horizon }, (_, h) => mean((b) => b.forecast, h)),
    lower: Array.from({ length: horizon }, (_, h) => mean((b) => b.lower, h)),
    upper: Array.from({ length: horizon }, (_, h) => mean((b) => b.upper, h)),
  };
}
