import { residualSigma } from "./intervals.ts";
import { nelderMead } from "./nelder-mead.ts";
import type { ComponentFit } from "./series.types.ts";

export interface DynamicThetaFit extends ComponentFit {
  alpha: number;
  theta: number;
}

interface ThetaRun {
  sse: number;
  forecast: number[];
  /** The ℓ0 that minimises the squared errors, and the squared-error sum it would give. */
  bestLevel0: number;
  bestSse: number;
}

/**
 * One pass of the dynamic theta model (Fiorucci et al. 2016): SES level ℓ plus a weight
 * (1 − 1/θ) on a regression line A + B·t that is re-estimated by recursive least squares as
 * each observation arrives. Future steps feed the forecast back in as data. The one-step
 * errors are linear in ℓ0, so `levelSensitivity` tracks ∂(fit)/∂ℓ0 and one pass yields the best
 * ℓ0 and its squared-error sum in closed form.
 */
function runDynamicTheta(
  values: readonly number[],
  alpha: number,
  theta: number,
  level0: number,
  horizon: number,
): ThetaRun {
  const n = values.length;
  const weight = 1 - 1 / theta;
  const keep = 1 - alpha;
  let level = alpha * values[0] + keep * level0;
  let levelSensitivity = keep;
  let mean = values[0];
  let intercept = values[0];
  let slope = 0;
  let keepPower = keep;
  let sse = 0;
  let sumES = 0;
  let sumSS = 0;
  const forecast: number[] = [];
  for (let i = 1; i < n + horizon; i++) {
    const trendTerm = weight * (intercept * keepPower + (slope * (1 - keepPower * keep)) / alpha);
    const fitted = level + trendTerm;
    const y = i < n ? values[i] : fitted;
    if (i < n && i >= 2) {
      const error = y - fitted;
      sse += error * error;
      sumES += error * levelSensitivity;
      sumSS += levelSensitivity * levelSensitivity;
    }
    if (i >= n) forecast.push(fitted);
    level = alpha * y + keep * level;
    levelSensitivity *= i < n ? keep : 1;
    slope = ((i - 1) * slope + (6 * (y - mean)) / (i + 1)) / (i + 2);
    mean = (i * mean + y) / (i + 1);
    intercept = mean - (slope * (i + 2)) / 2;
    keepPower *= keep;
  }
  return {
    sse,
    forecast,
    bestLevel0: sumSS > 0 ? level0 + sumES / sumSS : level0,
    bestSse: sumSS > 0 ? Math.max(0, sse - (sumES * sumES) / sumSS) : sse,
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const ALPHA_MIN = 0.1;
const ALPHA_MAX = 0.99;

/**
 * Dynamic Optimised Theta Model: α in [0.1, 0.99] and θ ≥ 1 chosen by least squares on
 * one-step errors (from the third observation on, once the regression line exists).
 */
export function fitDynamicTheta(values: readonly number[], horizon: number): DynamicThetaFit {
  const n = values.length;
  const decode = (x: number[]) => ({
    alpha: ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * logistic(x[0]),
    theta: 1 + Math.exp(x[1]),
  });
  const { x } = nelderMead(
    (point) => {
      const { alpha, theta } = decode(point);
      return runDynamicTheta(values, alpha, theta, 0, 0).bestSse;
    },
    [0, 0],
    { step: 1, maxEvaluations: 120 },
  );
  const { alpha, theta } = decode(x);
  const { bestLevel0 } = runDynamicTheta(values, alpha, theta, 0, 0);
  const { sse, forecast } = runDynamicTheta(values, alpha, theta, bestLevel0, horizon);
  return {
    forecast,
    sigma: residualSigma(sse, Math.max(1, n - 2), 3),
    varianceFactors: Array.from({ length: horizon }, (_, h) => 1 + h * alpha * alpha),
    alpha,
    theta,
  };
}
