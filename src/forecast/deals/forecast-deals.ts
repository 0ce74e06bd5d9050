import type { Db } from "../../db/types.ts";
import type { DealHistory } from "./deal-history.ts";
import { type DealModel, type DealPrediction, trainDealModel } from "./deal-model.ts";
import { type ForecastWorkspace, loadDeals, loadForecastWorkspace } from "./load-deals.ts";

/** Everything a forecast needs at an instant: the workspace, its deals, the model trained then and every open deal's prediction. */
export interface DealForecast {
  fw: ForecastWorkspace;
  now: number;
  deals: DealHistory[];
  model: DealModel;
  predictions: DealPrediction[];
}

export function forecastFromDeals(fw: ForecastWorkspace, deals: DealHistory[], now: number): DealForecast {
  const model = trainDealModel(deals, now, {
    stageOrder: fw.stageOrder,
    dayOf: fw.dayOf,
    convert: fw.convert,
  });
  const predictions: DealPrediction[] = [];
  for (const deal of deals) {
    if (deal.closedAt !== null && deal.closedAt <= now) continue;
    const p = model.predict(deal, now);
    if (p) predictions.push(p);
  }
  return { fw, now, deals, model, predictions };
}

export async function forecastDeals(db: Db, workspaceId: string, now = new Date()): Promise<DealForecast> {
  const [fw, deals] = await Promise.all([loadForecastWorkspace(db, workspaceId), loadDeals(db, workspaceId)]);
  return forecastFromDeals(fw, deals, now.getTime());
}

/** The model as the API shows it: method, why it fell back, training counts, settings (penalty, half-life, blend), holdout scores, reliability. */
export function describeModel(model: DealModel) {
  return {
    method: model.method,
    fallback: model.method === "stage_fallback",
    reason: model.reason,
    trained_at: new Date(model.trainedAt).toISOString(),
    counts: model.counts,
    lambda: model.lambda,
    half_life_days: model.halfLifeDays,
    blend: model.blend,
    calibration: model.calibration,
    holdout: model.holdout,
    reliability: model.reliability,
    stages: model.stats.stages.map((stage) => ({
      stage,
      probability: round(model.stats.probability(stage), 4),
      source: model.stats.probabilitySource(stage),
      median_days_to_close: round(model.stats.medianDaysToClose(stage), 1),
    })),
  };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
