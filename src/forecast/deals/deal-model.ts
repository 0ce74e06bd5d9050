import { laterDate } from "../../metrics/periods.ts";
import {
  auc,
  brier,
  type Calibrator,
  calibrate,
  fitIsotonic,
  type ReliabilityBin,
  reliabilityTable,
} from "./calibration.ts";
import type { DealHistory } from "./deal-history.ts";
import {
  type Encoder,
  FEATURE_LABELS,
  type FeatureContext,
  type FeatureName,
  type FeatureRow,
  featuresAt,
  fitEncoder,
  ownerPriors,
} from "./features.ts";
import { fitLogistic, type LogisticModel, logit, sigmoid } from "./logistic.ts";
import { type StageStats, stageStats } from "./stage-stats.ts";

const DAY = 86_400_000;

export interface DealModelOptions {
  /** Open stages in funnel order (regressions). */
  stageOrder: readonly string[];
  dayOf(t: number): string;
  convert(amount: number, currency: string, day: string): number;
  /** Below this many closed deals the model falls back to stage probabilities. Default 200. */
  minClosedDeals?: number;
  /** …or below this many wins or losses. Default 30. */
  minPerClass?: number;
  /** L2 penalty; default: the one of LAMBDAS with the lowest log-loss on the calibration slice. */
  lambda?: number;
  /** Training rows are capped (deals sampled evenly) to keep training time bounded. Default 80,000. */
  maxTrainingRows?: number;
}

export interface Factor {
  feature: FeatureName;
  label: string;
  value: string | number;
  /** Change in log-odds of winning against the average deal; positive raises the probability. */
  effect: number;
  direction: "raises" | "lowers";
}

export interface DealPrediction {
  id: string;
  probability: number;
  method: "model" | "stage_fallback";
  stage: string;
  /** Amount in reporting-currency minor units. */
  amount: number;
  closeDate: string | null;
  expectedClose: string;
  forecastCategory: string;
  factors: Factor[];
}

export interface HoldoutScores {
  rows: number;
  deals: number;
  auc: number | null;
  brier: number | null;
  baseline: { auc: number | null; brier: number | null };
}

export interface DealModel {
  method: "model" | "stage_fallback";
  reason: string | null;
  trainedAt: number;
  counts: {
    closed: number;
    won: number;
    lost: number;
    train: number;
    calibration: number;
    holdout: number;
    rows: number;
  };
  holdout: HoldoutScores | null;
  /** The L2 penalty used. */
  lambda: number | null;
  /** Predicted against observed on the holdout (empty with the fallback). */
  reliability: ReliabilityBin[];
  stats: StageStats;
  predict(deal: DealHistory, t: number): DealPrediction | undefined;
}

interface Row {
  features: FeatureRow;
  won: number;
  weight: number;
}

/** Days between the instants a closed deal is shown to the model, and how many at most. */
const STEP_DAYS = 14;
const MAX_STEPS = 26;

/**
 * Instants at which a closed deal is shown to the model, all before it closed: just after each
 * stage it entered, and every two weeks from its opening. A regular calendar grid matches what
 * predictions see — the deals open at some moment, long-lived ones more often — without
 * conditioning on when the deal would close.
 */
function trainingInstants(deal: DealHistory): number[] {
  const end = deal.closedAt!;
  const out = new Set<number>();
  let stage: string | undefined;
  for (const c of deal.changes) {
    if (c.at >= end) break;
    if (c.stage !== stage) out.add(Math.max(c.at, deal.openedAt) + 1000);
    stage = c.stage;
  }
  for (let k = 0; k < MAX_STEPS; k++) out.add(deal.openedAt + 1000 + k * STEP_DAYS * DAY);
  return [...out].filter((t) => t < end).sort((a, b) => a - b);
}

function rowsOf(deals: readonly DealHistory[], ctx: FeatureContext): Row[] {
  const rows: Row[] = [];
  for (const deal of deals) {
    const instants = trainingInstants(deal);
    for (const t of instants) {
      const features = featuresAt(deal, t, ctx);
      if (features?.state.open) rows.push({ features, won: deal.outcome === "won" ? 1 : 0, weight: 1 });
    }
  }
  return rows;
}

interface Fitted {
  encoder: Encoder;
  lr: LogisticModel;
  calibrator: Calibrator;
  means: number[];
}

/** Penalties tried, from barely any to strong enough to leave little but the base rate. */
export const LAMBDAS = [1, 10, 100, 1000, 10_000];

/** The penalty whose regression (fitted on the training slice) predicts the calibration slice best (log-loss). */
function chooseLambda(allTrain: Row[], calibration: Row[]): number {
  // The choice needs the order of the losses, not the exact fit: at most 15,000 rows (every k-th).
  const k = Math.ceil(allTrain.length / 15_000);
  const train = k > 1 ? allTrain.filter((_, i) => i % k === 0) : allTrain;
  const encoder = fitEncoder(train.map((r) => r.features));
  const x = train.map((r) => encoder.encode(r.features));
  const xc = calibration.map((r) => encoder.encode(r.features));
  let best = LAMBDAS[0];
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const lambda of LAMBDAS) {
    const lr = fitLogistic(
      x,
      train.map((r) => r.won),
      { lambda },
    );
    let loss = 0;
    xc.forEach((row, i) => {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(logit(lr, row))));
      loss -= calibration[i].won ? Math.log(p) : Math.log(1 - p);
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = lambda;
    }
  }
  return best;
}

function fitModel(train: Row[], calibration: Row[], lambda: number): Fitted {
  const encoder = fitEncoder(train.map((r) => r.features));
  const x = train.map((r) => encoder.encode(r.features));
  const lr = fitLogistic(
    x,
    train.map((r) => r.won),
    { lambda, weights: train.map((r) => r.weight) },
  );
  const raw = calibration.map((r) => sigmoid(logit(lr, encoder.encode(r.features))));
  const calibrator = fitIsotonic(
    raw,
    calibration.map((r) => r.won),
    calibration.map((r) => r.weight),
  );
  const means = encoder.columns.map((_, j) => x.reduce((a, row) => a + row[j], 0) / (x.length || 1));
  return { encoder, lr, calibrator, means };
}

const probabilityOf = (f: Fitted, row: FeatureRow) =>
  calibrate(f.calibrator, sigmoid(logit(f.lr, f.encoder.encode(row))));

/** Per feature, its contribution to the deal's log-odds relative to the average training deal; the largest three. */
function topFactors(f: Fitted, row: FeatureRow): Factor[] {
  const x = f.encoder.encode(row);
  const byFeature = new Map<FeatureName, number>();
  f.encoder.columns.forEach((c, j) => {
    byFeature.set(c.feature, (byFeature.get(c.feature) ?? 0) + f.lr.weights[j] * (x[j] - f.means[j]));
  });
  return [...byFeature]
    .filter(([, effect]) => Math.abs(effect) > 1e-6)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 3)
    .map(([feature, effect]) => ({
      feature,
      label: FEATURE_LABELS[feature],
      value: row.shown[feature],
      effect: Math.round(effect * 1000) / 1000,
      direction: effect >= 0 ? "raises" : "lowers",
    }));
}

/** Takes every k-th deal so that roughly `max` rows remain (deterministic). */
function thin(deals: DealHistory[], rowsPerDeal: number, max: number): DealHistory[] {
  const k = Math.ceil((deals.length * rowsPerDeal) / max);
  return k <= 1 ? deals : deals.filter((_, i) => i % k === 0);
}

/**
 * Learns win probability from the deals closed by `asOf` (epoch ms). Closed deals are split by
 * close time: the oldest 60% train the regression, the next 20% fit the isotonic calibration,
 * the newest 20% are the holdout the reported AUC, Brier and reliability table are measured
 * on. The model used for predictions is then refitted on the oldest 80% and calibrated on the
 * newest 20%. With too little history it falls back to stage probabilities and says why.
 */
export function trainDealModel(
  deals: readonly DealHistory[],
  asOf: number,
  options: DealModelOptions,
): DealModel {
  const closed = deals
    .filter((d) => d.closedAt !== null && d.closedAt <= asOf && d.outcome !== null)
    .sort((a, b) => a.closedAt! - b.closedAt! || (a.id < b.id ? -1 : 1));
  const won = closed.filter((d) => d.outcome === "won").length;
  const lost = closed.length - won;
  const minClosed = options.minClosedDeals ?? 200;
  const minClass = options.minPerClass ?? 30;
  const ctx: FeatureContext = {
    stageOrder: options.stageOrder,
    dayOf: options.dayOf,
    convert: options.convert,
    ownerWinRate: ownerPriors(closed),
  };
  const stats = stageStats(deals, asOf);
  const expectedClose = (stage: string, enteredAt: number, t: number) => {
    const due = options.dayOf(enteredAt + stats.medianDaysToClose(stage) * DAY);
    const today = options.dayOf(t);
    return laterDate(due, today);
  };
  let reason: string | null = null;
  if (closed.length < minClosed)
    reason = `${closed.length} closed deals; the model needs at least ${minClosed}`;
  else if (Math.min(won, lost) < minClass)
    reason = `${won} won and ${lost} lost deals; the model needs at least ${minClass} of each`;

  const fallbackPredict = (deal: DealHistory, t: number): DealPrediction | undefined => {
    const row = featuresAt(deal, t, ctx);
    if (!row?.state.open) return undefined;
    return {
      id: deal.id,
      probability: stats.probability(row.state.stage),
      method: "stage_fallback",
      stage: row.state.stage,
      amount: row.amount,
      closeDate: row.state.closeDate,
      expectedClose: expectedClose(row.state.stage, row.state.stageEnteredAt, t),
      forecastCategory: row.state.forecastCategory,
      factors: [
        {
          feature: "stage",
          label: FEATURE_LABELS.stage,
          value: row.state.stage,
          effect: 0,
          direction: "raises",
        },
      ],
    };
  };
  const counts = { closed: closed.length, won, lost, train: 0, calibration: 0, holdout: 0, rows: 0 };
  if (reason) {
    return {
      method: "stage_fallback",
      reason,
      trainedAt: asOf,
      counts,
      holdout: null,
      lambda: null,
      reliability: [],
      stats,
      predict: fallbackPredict,
    };
  }

  const maxRows = options.maxTrainingRows ?? 80_000;
  const a = Math.floor(closed.length * 0.6);
  const b = Math.floor(closed.length * 0.8);
  const sample = (list: DealHistory[]) => rowsOf(thin(list, 5, maxRows), ctx);
  const trainRows = sample(closed.slice(0, a));
  const calibRows = sample(closed.slice(a, b));
  const holdRows = sample(closed.slice(b));
  const lambda = options.lambda ?? chooseLambda(trainRows, calibRows);
  const evaluated = fitModel(trainRows, calibRows, lambda);
  const baseline = stageStats(closed.slice(0, b), Number.POSITIVE_INFINITY);
  const outcomes = holdRows.map((r) => r.won);
  const weights = holdRows.map((r) => r.weight);
  const predicted = holdRows.map((r) => probabilityOf(evaluated, r.features));
  const basePredicted = holdRows.map((r) => baseline.probability(r.features.state.stage));
  const holdout: HoldoutScores = {
    rows: holdRows.length,
    deals: closed.length - b,
    auc: auc(predicted, outcomes),
    brier: brier(predicted, outcomes, weights),
    baseline: { auc: auc(basePredicted, outcomes), brier: brier(basePredicted, outcomes, weights) },
  };
  const reliability = reliabilityTable(predicted, outcomes, 10);
  const final = fitModel([...trainRows, ...calibRows], holdRows, lambda);
  counts.train = a;
  counts.calibration = b - a;
  counts.holdout = closed.length - b;
  counts.rows = trainRows.length + calibRows.length + holdRows.length;

  return {
    method: "model",
    reason: null,
    trainedAt: asOf,
    counts,
    holdout,
    lambda,
    reliability,
    stats,
    predict(deal, t) {
      const row = featuresAt(deal, t, ctx);
      if (!row?.state.open) return undefined;
      return {
        id: deal.id,
        probability: probabilityOf(final, row),
        method: "model",
        stage: row.state.stage,
        amount: row.amount,
        closeDate: row.state.closeDate,
        expectedClose: expectedClose(row.state.stage, row.state.stageEnteredAt, t),
        forecastCategory: row.state.forecastCategory,
        factors: topFactors(final, row),
      };
    },
  };
}
