import { residualSigma } from "./intervals.ts";
import type { ComponentFit } from "./series.types.ts";

export interface SesFit extends ComponentFit {
  alpha: number;
  level: number;
}

/**
 * Profile of SES for a fixed alpha, in one pass. The one-step errors are linear in the initial
 * level l0 (e_t = a_t − (1 − α)^t · l0), so the best l0, its squared-error sum and the final
 * level have closed forms and only alpha needs a numerical search.
 */
function sesProfile(values: readonly number[], alpha: number): { sse: number; level: number } {
  const n = values.length;
  let levelFromZero = 0;
  let decay = 1;
  let sumAA = 0;
  let sumAC = 0;
  let sumCC = 0;
  for (let t = 0; t < n; t++) {
    const a = values[t] - levelFromZero;
    sumAA += a * a;
    sumAC += a * decay;
    sumCC += decay * decay;
    levelFromZero += alpha * a;
    decay *= 1 - alpha;
  }
  const l0 = sumAC / sumCC;
  return { sse: Math.max(0, sumAA - l0 * sumAC), level: levelFromZero + decay * l0 };
}

const ALPHA_MIN = 1e-4;
const ALPHA_MAX = 0.9999;

/** Minimises f on [lo, hi]: a coarse grid first (the SSE curve can have several dips), then golden section. */
export function minimiseOnInterval(
  f: (x: number) => number,
  lo: number,
  hi: number,
  gridPoints = 12,
): number {
  let best = lo;
  let bestValue = Number.POSITIVE_INFINITY;
  const step = (hi - lo) / (gridPoints - 1);
  for (let i = 0; i < gridPoints; i++) {
    const x = lo + i * step;
    const value = f(x);
    if (value < bestValue) {
      bestValue = value;
      best = x;
    }
  }
  let a = Math.max(lo, best - step);
  let b = Math.min(hi, best + step);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 24; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  return f(x) <= bestValue ? x : best;
}

/** Simple exponential smoothing, ETS(A,N,N): alpha and the initial level chosen by least squares. */
export function fitSes(values: readonly number[], horizon: number): SesFit {
  const n = values.length;
  if (n < 2) {
    return {
      forecast: new Array(horizon).fill(values[0]),
      sigma: 0,
      varianceFactors: new Array(horizon).fill(1),
      alpha: 1,
      level: values[0],
    };
  }
  const alpha = minimiseOnInterval((a) => sesProfile(values, a).sse, ALPHA_MIN, ALPHA_MAX);
  const { sse, level } = sesProfile(values, alpha);
  return {
    forecast: new Array<number>(horizon).fill(level),
    sigma: residualSigma(sse, n, 2),
    varianceFactors: Array.from({ length: horizon }, (_, h) => 1 + h * alpha * alpha),
    alpha,
    level,
  };
}
