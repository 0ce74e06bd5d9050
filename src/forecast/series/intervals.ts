import type { ComponentFit } from "./series.types.ts";

/**
 * Standard normal quantile (inverse CDF) by Acklam's rational approximation; relative error
 * below 1.2e-9, ample for interval widths.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = 0.02425;
  if (p < tail || p > 1 - tail) {
    const q = Math.sqrt(-2 * Math.log(p < tail ? p : 1 - p));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < tail ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + 2.506628277459239) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Symmetric normal interval around a component's point forecast at `level` percent. */
export function componentInterval(fit: ComponentFit, level: number): { lower: number[]; upper: number[] } {
  const z = normalQuantile(0.5 + level / 200);
  const lower: number[] = [];
  const upper: number[] = [];
  for (let h = 0; h < fit.forecast.length; h++) {
    const halfWidth = z * fit.sigma * Math.sqrt(fit.varianceFactors[h]);
    lower.push(fit.forecast[h] - halfWidth);
    upper.push(fit.forecast[h] + halfWidth);
  }
  return { lower, upper };
}

/** Root mean square of one-step errors, with `parameters` degrees of freedom spent. */
export function residualSigma(sumSquaredErrors: number, count: number, parameters: number): number {
  return Math.sqrt(sumSquaredErrors / Math.max(1, count - parameters));
}
