// Front door of forecasting: the API, CLI, runtime and benches import only this file (the
// time-series engine on plain files keeps its own, src/forecast/series/index.ts).
export { forecastArr, parseArrQuery } from "./arr/arr-forecast.ts";
export { backtestDeals, backtestQuarters, runBacktest } from "./backtest/backtest.ts";
export { auc, brier, fitIsotonic, reliabilityTable } from "./deals/calibration.ts";
export { asOf, type DealHistory, stateAt } from "./deals/deal-history.ts";
export { listDealForecasts } from "./deals/deal-list.ts";
export { type DealModel, type DealPrediction, trainDealModel } from "./deals/deal-model.ts";
export { cachedDealForecast } from "./deals/forecast-cache.ts";
export {
  type DealForecast,
  describeModel,
  forecastDeals,
  forecastFromDeals,
} from "./deals/forecast-deals.ts";
export { loadDeals, loadForecastWorkspace } from "./deals/load-deals.ts";
export { dealsFromTable, type PlainDeal } from "./deals/plain-table.ts";
export { presentCall, submitCall } from "./periods/calls.ts";
export { forecastMetricSeries, SERIES_METRICS } from "./periods/metric-series.ts";
export { FORECAST_BY, forecastPeriod } from "./periods/period-forecast.ts";
export { parseBy, parseQuarter } from "./periods/period-param.ts";
export { periodForecastReport } from "./periods/period-report.ts";
export { accuracyReport, forecastAccuracy, forecastAccuracyByGroup } from "./snapshots/accuracy.ts";
export { startSnapshotScheduler } from "./snapshots/scheduler.ts";
export { scoreForecastPoints } from "./snapshots/scoring.ts";
export { snapshotIfDue, takeForecastSnapshots } from "./snapshots/take-snapshots.ts";
