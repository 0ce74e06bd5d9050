// Front door of the time-series forecasting engine: pure functions over number arrays, plus
// the CSV-to-CSV batch used by `revline forecast-series`.
export { mase, smape } from "./accuracy.ts";
export { type ForecastFileOptions, type ForecastFileSummary, forecastFile } from "./forecast-file.ts";
export { forecastSeries } from "./forecast-series.ts";
export { adjustForSeasonality, isSeasonal, multiplicativeSeasonalIndices } from "./seasonality.ts";
export {
  SERIES_METHODS,
  type SeriesForecast,
  type SeriesForecastOptions,
  type SeriesMethod,
} from "./series.types.ts";
