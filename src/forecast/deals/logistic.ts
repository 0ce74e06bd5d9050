/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares): with a few dozen features the Hessian is tiny, so each step is exact and the fit
 * converges in a handful of iterations. The intercept is not penalised.
 */
export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < x.length; j++) z += model.weights[j] * x[j];
  return z;
}

/** Solves A v = b for a symmetric positive-definite A (Cholesky); A is overwritten. */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= a[j][k] * a[j][k];
    if (!(d > 0)) d = 1e-12;
    a[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= a[i][k] * a[j][k];
      a[i][j] = s / a[j][j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i][k] * y[k];
    y[i] = s / a[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= a[k][i] * x[k];
    x[i] = s / a[i][i];
  }
  return x;
}

export interface FitOptions {
  /** L2 penalty on the weights (on the scale of the summed sample weights). Default 1. */
  lambda?: number;
  /** Per-row weights; default 1. */
  weights?: readonly number[];
  maxIterations?: number;
}

/** Fits P(y = 1 | x) = σ(b + w·x) minimising weighted log-loss + λ/2 ‖w‖². */
export function fitLogistic(
  x: readonly number[][],
  y: readonly number[],
  options: FitOptions = {},
): LogisticModel {
  const n = x.length;
  const d = n ? x[0].length : 0;
  const lambda = options.lambda ?? 1;
  const w = options.weights;
  const theta = new Array<number>(d + 1).fill(0);
  // Start the intercept at the weighted base rate.
  let pos = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    pos += wi * y[i];
    total += wi;
  }
  const base = Math.min(Math.max(pos / (total || 1), 1e-6), 1 - 1e-6);
  theta[0] = Math.log(base / (1 - base));
  const maxIterations = options.maxIterations ?? 30;
  for (let iter = 0; iter < maxIterations; iter++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      let z = theta[0];
      for (let j = 0; j < d; j++) z += theta[j + 1] * xi[j];
      const p = sigmoid(z);
      const wi = w ? w[i] : 1;
      const r = wi * (p - y[i]);
      const h = wi * p * (1 - p);
      grad[0] += r;
      hess[0][0] += h;
      for (let j = 0; j < d; j++) {
        const xj = xi[j];
        if (xj === 0) continue;
        grad[j + 1] += r * xj;
        const hx = h * xj;
        hess[j + 1][0] += hx;
        for (let k = 0; k <= j; k++) {
          const xk = xi[k];
          if (xk !== 0) hess[j + 1][k + 1] += hx * xk;
        }
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[k][j] = hess[j][k];
    for (let j = 1; j <= d; j++) {
      grad[j] += lambda * theta[j];
      hess[j][j] += lambda;
    }
    hess[0][0] += 1e-9;
    const step = solveSpd(hess, grad);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      theta[j] -= step[j];
      largest = Math.max(largest, Math.abs(step[j]));
    }
    if (largest < 1e-7) break;
  }
  return { intercept: theta[0], weights: theta.slice(1) };
}
