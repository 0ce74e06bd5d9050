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
  /** Recency half-life in days (null: none); default: chosen among HALF_LIVES with the penalty. */
  halfLifeDays?: number | null;
  /** Weight of the model against the stage probability; default: chosen among BLEND_WEIGHTS. */
  blend?: number;
  /** How the regression's scores become probabilities; default: chosen with the blend. */
  calibration?: CalibrationMethod;
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
  /** Recency half-life of the training rows in days (null: no decay, or no model). */
  halfLifeDays: number | null;
  /** Weight of the model in each prediction, the rest being the stage probability (null: no model trained). */
  blend: number | null;
  /** How the regression's scores were turned into probabilities (null: no model trained). */
  calibration: CalibrationMethod | null;
  /** Predicted against observed on the holdout (empty with the fallback). */
  reliability: ReliabilityBin[];
  stats: StageStats;
  predict(deal: DealHistory, t: number): DealPrediction | undefined;
}

interface Row {
  features: FeatureRow;
  won: number;
  weight: number;
  /** When the deal the row comes from closed (recency weights). */
  closedAt: number;
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

/** Rows of the closed deals ranked `from` to `to` (exclusive) in close order, every k-th of them. */
function rowsOf(
  closed: readonly DealHistory[],
  from: number,
  to: number,
  k: number,
  ctx: FeatureContext,
): Row[] {
  const rows: Row[] = [];
  for (let rank = from; rank < to; rank += k) {
    const deal = closed[rank];
    const won = deal.outcome === "won" ? 1 : 0;
    for (const t of trainingInstants(deal)) {
      const features = featuresAt(deal, t, ctx);
      if (features?.state.open) rows.push({ features, won, weight: 1, closedAt: deal.closedAt! });
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
/** Recency half-lives tried, in days (null: every closed deal counts the same). */
export const HALF_LIVES: ReadonlyArray<number | null> = [null, 365, 180, 90];
/** Weights of the model against the stage probability tried (0: the stage probability alone). */
export const BLEND_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** The rows' weights with a deal closed `halfLifeDays` before the newest one counting half. */
function recencyWeights(rows: readonly Row[], halfLifeDays: number | null): number[] {
  if (halfLifeDays === null) return rows.map((r) => r.weight);
  const newest = rows.reduce((m, r) => Math.max(m, r.closedAt), Number.NEGATIVE_INFINITY);
  return rows.map((r) => r.weight * 0.5 ** ((newest - r.closedAt) / (halfLifeDays * DAY)));
}

/**
 * How the regression's scores become probabilities: `isotonic` re-maps them to the win rates
 * seen on the newest training deals (corrects a model whose ranking holds but whose level
 * drifted); `regression` keeps the regression's own probabilities, which are calibrated on the
 * whole training history (better when the newest deals' win rate swings from window to window).
 */
export type CalibrationMethod = "isotonic" | "regression";
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ["isotonic", "regression"];

/** How the model is fitted, calibrated and mixed with the stage probability; chosen on the newest training deals. */
interface Recipe {
  lambda: number;
  halfLifeDays: number | null;
  calibration: CalibrationMethod;
  /** Weight of the calibrated model in the prediction; the rest is the stage probability. */
  blend: number;
}

const logLoss = (p: number, won: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return won ? -Math.log(q) : -Math.log(1 - q);
};

/**
 * The penalty and recency half-life whose regression (fitted on the training slice) predicts the
 * validation slice best (log-loss).
 */
function chooseFit(
  allTrain: Row[],
  validation: Row[],
  lambdas: readonly number[],
  halfLives: ReadonlyArray<number | null>,
): { lambda: number; halfLifeDays: number | null } {
  // The choice needs the order of the losses, not the exact fit: at most 15,000 rows (every k-th).
  const k = Math.ceil(allTrain.length / 15_000);
  const train = k > 1 ? allTrain.filter((_, i) => i % k === 0) : allTrain;
  const encoder = fitEncoder(train.map((r) => r.features));
  const x = train.map((r) => encoder.encode(r.features));
  const y = train.map((r) => r.won);
  const xv = validation.map((r) => encoder.encode(r.features));
  let best = { lambda: lambdas[0], halfLifeDays: halfLives[0] };
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const halfLifeDays of halfLives) {
    const weights = recencyWeights(train, halfLifeDays);
    for (const lambda of lambdas) {
      const lr = fitLogistic(x, y, { lambda, weights });
      let loss = 0;
      xv.forEach((row, i) => {
        loss += logLoss(sigmoid(logit(lr, row)), validation[i].won);
      });
      if (loss < bestLoss) {
        bestLoss = loss;
        best = { lambda, halfLifeDays };
      }
    }
  }
  return best;
}

/** A model's probabilities, per calibration method, and the stage probabilities known then, on validation rows. */
interface Validation {
  model: Record<CalibrationMethod, number[]>;
  stage: number[];
  rows: Row[];
}

/**
 * The calibration method and blend weight whose mix of model and stage probability has the
 * lowest Brier score on the validation rows (ties: the method listed first, the larger weight).
 */
function chooseBlend(
  v: Validation,
  methods: readonly CalibrationMethod[],
  weights: readonly number[],
): { calibration: CalibrationMethod; blend: number } {
  let best = { calibration: methods[0], blend: weights[weights.length - 1] };
  let bestScore = Number.POSITIVE_INFINITY;
  const won = v.rows.map((r) => r.won);
  const rowWeights = v.rows.map((r) => r.weight);
  for (const calibration of methods) {
    for (const w of [...weights].reverse()) {
      const mixed = v.model[calibration].map((p, i) => w * p + (1 - w) * v.stage[i]);
      const score = brier(mixed, won, rowWeights) ?? Number.POSITIVE_INFINITY;
      if (score < bestScore - 1e-12) {
        bestScore = score;
        best = { calibration, blend: w };
      }
    }
  }
  return best;
}

/**
 * The validation rows with the probabilities of a model fitted on `train`, calibrated on
 * `calibration` each way, and the stage probabilities known then.
 */
function validate(
  train: Row[],
  calibration: readonly Row[],
  rows: Row[],
  stage: StageStats,
  recipe: { lambda: number; halfLifeDays: number | null },
  methods: readonly CalibrationMethod[],
): Validation {
  const regression = fitRegression(train, recipe.lambda, recipe.halfLifeDays);
  const model: Validation["model"] = { isotonic: [], regression: [] };
  for (const method of methods) {
    const probe = calibrated(regression, calibration, method);
    model[method] = rows.map((r) => probabilityOf(probe, r.features));
  }
  return { model, stage: rows.map((r) => stage.probability(r.features.state.stage)), rows };
}

type Regression = Omit<Fitted, "calibrator">;

/** The isotonic calibration's end blocks hold at least this share of the calibration rows. */
const END_BLOCK_SHARE = 0.02;

function fitRegression(train: Row[], lambda: number, halfLifeDays: number | null): Regression {
  const encoder = fitEncoder(train.map((r) => r.features));
  const x = train.map((r) => encoder.encode(r.features));
  const lr = fitLogistic(
    x,
    train.map((r) => r.won),
    { lambda, weights: recencyWeights(train, halfLifeDays) },
  );
  const means = encoder.columns.map((_, j) => x.reduce((a, row) => a + row[j], 0) / (x.length || 1));
  return { encoder, lr, means };
}

/** The regression with its scores mapped to probabilities by `method` (isotonic: fitted on the calibration rows). */
function calibrated(r: Regression, calibration: readonly Row[], method: CalibrationMethod): Fitted {
  const calibrator: Calibrator =
    method === "isotonic"
      ? fitIsotonic(
          calibration.map((c) => sigmoid(logit(r.lr, r.encoder.encode(c.features)))),
          calibration.map((c) => c.won),
          calibration.map((c) => c.weight),
          END_BLOCK_SHARE * calibration.reduce((a, c) => a + c.weight, 0),
        )
      : { points: [] };
  return { ...r, calibrator };
}

function fitModel(
  train: Row[],
  calibration: Row[],
  lambda: number,
  halfLifeDays: number | null,
  method: CalibrationMethod,
): Fitted {
  return calibrated(fitRegression(train, lambda, halfLifeDays), calibration, method);
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

/** Every k-th deal of a slice of `deals` closed deals, so that roughly `max` rows remain (about five per deal). */
const thinning = (deals: number, max: number) => Math.max(1, Math.ceil((deals * 5) / max));

/**
 * Learns win probability from the deals closed by `asOf` (epoch ms). Closed deals are split by
 * close time: the oldest 60% train the regression, the next 20% fit the isotonic calibration,
 * the newest 20% are the holdout the reported AUC, Brier and reliability table are measured
 * on. The penalty, a recency half-life and the blend weight between the calibrated model and the
 * stage probability are chosen on the calibration slice (the newest deals before the holdout).
 * The model used for predictions is then refitted on the oldest 80% with those settings and
 * calibrated on the newest 20%. With too little history, or when the chosen blend weight is 0
 * (the model's patterns did not carry over to the newest deals), it falls back to stage
 * probabilities and says why.
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
      halfLifeDays: null,
      blend: null,
      calibration: null,
      reliability: [],
      stats,
      predict: fallbackPredict,
    };
  }

  const maxRows = options.maxTrainingRows ?? 80_000;
  const n = closed.length;
  const cut = (tenths: number) => Math.floor((n * tenths) / 10);
  const a = cut(6);
  const m = cut(7);
  const b = cut(8);
  const trainRows = rowsOf(closed, 0, a, thinning(a, maxRows), ctx);
  const earlyRows = rowsOf(closed, a, m, thinning(b - a, maxRows), ctx);
  const lateRows = rowsOf(closed, m, b, thinning(b - a, maxRows), ctx);
  const calibRows = [...earlyRows, ...lateRows];
  const holdRows = rowsOf(closed, b, n, thinning(n - b, maxRows), ctx);
  // Settings are chosen on the newest training deals (the calibration slice, closed just before
  // the holdout), the ones most like the deals to come. Penalty and half-life: by the
  // regression's log-loss on the whole slice. Calibration method and blend: by the Brier score on
  // the slice's newer half of the model calibrated (isotonic) on its older half or left with the
  // regression's own probabilities, against the stage probabilities known then.
  const fit = chooseFit(
    trainRows,
    calibRows,
    options.lambda !== undefined ? [options.lambda] : LAMBDAS,
    options.halfLifeDays !== undefined ? [options.halfLifeDays] : HALF_LIVES,
  );
  const methods = options.calibration !== undefined ? [options.calibration] : CALIBRATION_METHODS;
  const mixes =
    options.blend !== undefined && options.calibration !== undefined
      ? { calibration: options.calibration, blend: options.blend }
      : chooseBlend(
          validate(
            trainRows,
            earlyRows,
            lateRows,
            stageStats(closed.slice(0, m), Number.POSITIVE_INFINITY),
            fit,
            methods,
          ),
          methods,
          options.blend !== undefined ? [options.blend] : BLEND_WEIGHTS,
        );
  const recipe: Recipe = { ...fit, ...mixes };
  const blend = recipe.blend;
  const evaluated = fitModel(trainRows, calibRows, recipe.lambda, recipe.halfLifeDays, recipe.calibration);
  const baseline = stageStats(closed.slice(0, b), Number.POSITIVE_INFINITY);
  const outcomes = holdRows.map((r) => r.won);
  const weights = holdRows.map((r) => r.weight);
  const basePredicted = holdRows.map((r) => baseline.probability(r.features.state.stage));
  const predicted = holdRows.map(
    (r, i) => blend * probabilityOf(evaluated, r.features) + (1 - blend) * basePredicted[i],
  );
  const holdout: HoldoutScores = {
    rows: holdRows.length,
    deals: closed.length - b,
    auc: auc(predicted, outcomes),
    brier: brier(predicted, outcomes, weights),
    baseline: { auc: auc(basePredicted, outcomes), brier: brier(basePredicted, outcomes, weights) },
  };
  const reliability = reliabilityTable(predicted, outcomes, 10);
  counts.train = a;
  counts.calibration = b - a;
  counts.holdout = closed.length - b;
  counts.rows = trainRows.length + calibRows.length + holdRows.length;
  const trained = {
    trainedAt: asOf,
    counts,
    holdout,
    lambda: recipe.lambda,
    halfLifeDays: recipe.halfLifeDays,
    blend,
    calibration: recipe.calibration,
    reliability,
    stats,
  };
  if (blend === 0) {
    const from = options.dayOf(closed[m].closedAt!);
    const to = options.dayOf(closed[b - 1].closedAt!);
    return {
      method: "stage_fallback",
      reason:
        `on the deals closed ${from} to ${to}, stage probabilities alone predicted better than ` +
        "any mix with the model (its patterns did not hold over time)",
      ...trained,
      predict: fallbackPredict,
    };
  }
  const final = fitModel(
    [...trainRows, ...calibRows],
    holdRows,
    recipe.lambda,
    recipe.halfLifeDays,
    recipe.calibration,
  );

  return {
    method: "model",
    reason: null,
    ...trained,
    predict(deal, t) {
      const row = featuresAt(deal, t, ctx);
      if (!row?.state.open) return undefined;
      return {
        id: deal.id,
        probability: blend * probabilityOf(final, row) + (1 - blend) * stats.probability(row.state.stage),
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
