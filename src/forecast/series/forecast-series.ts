import { AppError } from "../../errors/app-error.ts";
import { type Band, combineBands, toBand } from "./combine.ts";
import { RECIPES, type Recipe } from "./methods.ts";
import { adjustForSeasonality } from "./seasonality.ts";
import {
  SERIES_METHODS,
  type SeriesForecast,
  type SeriesForecastOptions,
  type SeriesMethod,
} from "./series.types.ts";

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", `${field}${message}`, { field });

function validate(values: readonly number[], options: SeriesForecastOptions) {
  const { horizon, season = 12, level = 80, method = "auto" } = options;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw invalid("horizon", ` must be an integer ≥ 1, got ${horizon}`);
  if (!Number.isInteger(season) || season < 1)
    throw invalid("season", ` must be an integer ≥ 1, got ${season}`);
  if (!(level > 0 && level < 100))
    throw invalid("level", ` must be a percentage between 0 and 100, got ${level}`);
  if (!SERIES_METHODS.includes(method)) {
    throw invalid("method", ` must be one of ${SERIES_METHODS.join(", ")}, got ${String(method)}`);
  }
  if (values.length === 0) throw invalid("values", " must hold at least one observation");
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw invalid("values", `[${bad}] is not a finite number (${values[bad]})`);
  return { horizon, season, level, method };
}

function runRecipe(
  values: readonly number[],
  recipe: Recipe,
  horizon: number,
  season: number,
  level: number,
) {
  const components = recipe.components.filter((c) => values.length >= c.minLength);
  if (components.length === 0) return undefined;
  // Fitting works on values divided by their largest magnitude, so sums of squares cannot
  // overflow whatever the currency or unit; the scale is multiplied back at the end.
  const scale = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0) || 1;
  const scaled = values.map((v) => v / scale);
  const adjustment =
    recipe.seasonalAdjustment === "none"
      ? { adjusted: scaled, futureIndices: new Array<number>(horizon).fill(1) }
      : adjustForSeasonality(scaled, season, horizon, recipe.seasonalAdjustment === "shrunk");
  const logScale = recipe.logScale && values.every((v) => v > 0);
  const prepared = logScale ? adjustment.adjusted.map(Math.log) : adjustment.adjusted;
  const bands = components.map((component): Band => {
    const band = toBand(component.fit(prepared, horizon, season), level);
    if (!logScale) return band;
    return {
      forecast: band.forecast.map(Math.exp),
      lower: band.lower.map(Math.exp),
      upper: band.upper.map(Math.exp),
    };
  });
  const combined = combineBands(bands);
  const restore = (xs: number[]) => xs.map((x, h) => x * adjustment.futureIndices[h] * scale);
  return {
    forecast: restore(combined.forecast),
    lower: restore(combined.lower),
    upper: restore(combined.upper),
  };
}

const allFinite = (band: Band) =>
  [band.forecast, band.lower, band.upper].every((xs) => xs.every((x) => Number.isFinite(x)));

/**
 * Forecasts one series `horizon` steps ahead with a prediction interval at `level` percent.
 * Values are oldest first. Pure: no I/O, no state, the same input always gives the same output.
 * A series too short for the method, or a fit that degenerates (overflow on the log scale),
 * falls back to the naive forecast rather than returning NaN.
 */
export function forecastSeries(values: readonly number[], options: SeriesForecastOptions): SeriesForecast {
  const { horizon, season, level, method } = validate(values, options);
  const result = runRecipe(values, RECIPES[method], horizon, season, level);
  if (result && allFinite(result)) return { method, ...result };
  const fallback: SeriesMethod = "naive";
  return { method: fallback, ...runRecipe(values, RECIPES[fallback], horizon, season, level)! };
}
