import { residualSigma } from "./intervals.ts";
import { nelderMead } from "./nelder-mead.ts";
import type { ComponentFit } from "./series.types.ts";

export interface HoltFit extends ComponentFit {
  alpha: number;
  beta: number;
  phi: number;
}

interface HoltState {
  sse: number;
  level: number;
  trend: number;
}

/**
 * ETS(A,Ad,N) for fixed smoothing parameters, in one pass. The one-step errors are linear in the
 * initial level and trend (e_t = a_t − l0·p_t − b0·q_t), so the pass runs the filter from a zero
 * start alongside its two unit responses; a 2×2 least-squares solve then gives the best initial
 * state, its squared-error sum (Σa² − l0·Σap − b0·Σaq) and, by the same linearity, the final state.
 */
function holtProfile(values: readonly number[], alpha: number, beta: number, phi: number): HoltState {
  const n = values.length;
  let la = 0,
    ba = 0,
    lp = 1,
    bp = 0,
    lq = 0,
    bq = 1;
  let saa = 0,
    spp = 0,
    spq = 0,
    sqq = 0,
    sap = 0,
    saq = 0;
  for (let t = 0; t < n; t++) {
    const a = values[t] - (la + phi * ba);
    const p = lp + phi * bp;
    const q = lq + phi * bq;
    saa += a * a;
    spp += p * p;
    spq += p * q;
    sqq += q * q;
    sap += a * p;
    saq += a * q;
    la = la + phi * ba + alpha * a;
    ba = phi * ba + beta * a;
    const lpNext = lp + phi * bp - alpha * p;
    bp = phi * bp - beta * p;
    lp = lpNext;
    const lqNext = lq + phi * bq - alpha * q;
    bq = phi * bq - beta * q;
    lq = lqNext;
  }
  const det = spp * sqq - spq * spq;
  const solvable = det > 1e-12 * spp * sqq;
  const l0 = solvable ? (sap * sqq - saq * spq) / det : spp > 0 ? sap / spp : 0;
  const b0 = solvable ? (saq * spp - sap * spq) / det : 0;
  return {
    sse: Math.max(0, saa - l0 * sap - b0 * saq),
    level: la + l0 * lp + b0 * lq,
    trend: ba + l0 * bp + b0 * bq,
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

/**
 * Holt's linear trend method, optionally damped (ETS(A,Ad,N) with φ in [0.8, 0.98], the
 * bounds of R's `forecast::ets`). Parameters search an unconstrained space mapped onto
 * 0 < β < α < 1, so every trial is admissible.
 */
export function fitHolt(values: readonly number[], horizon: number, damped: boolean): HoltFit {
  const n = values.length;
  const decode = (x: number[]) => {
    const alpha = 1e-4 + (1 - 2e-4) * logistic(x[0]);
    const beta = alpha * (1e-4 + (1 - 2e-4) * logistic(x[1]));
    const phi = damped ? PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(x[2]) : 1;
    return { alpha, beta, phi };
  };
  const start = damped ? [-0.8, -1, 1] : [-0.8, -1];
  const { x } = nelderMead(
    (point) => {
      const { alpha, beta, phi } = decode(point);
      return holtProfile(values, alpha, beta, phi).sse;
    },
    start,
    { step: 1.5, maxEvaluations: damped ? 160 : 100 },
  );
  const { alpha, beta, phi } = decode(x);
  const { sse, level, trend } = holtProfile(values, alpha, beta, phi);

  const forecast: number[] = [];
  const varianceFactors: number[] = [];
  let dampedSum = 0;
  let phiPower = 1;
  let variance = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= phi;
    dampedSum += phiPower;
    forecast.push(level + dampedSum * trend);
    varianceFactors.push(variance);
    // c_h = α + β·(φ + … + φ^h): the weight of today's error in the level h steps ahead.
    variance += (alpha + beta * dampedSum) ** 2;
  }
  return { forecast, sigma: residualSigma(sse, n, damped ? 5 : 4), varianceFactors, alpha, beta, phi };
}
