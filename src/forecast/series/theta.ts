import type { ComponentFit } from "./series.types.ts";
import { fitSes } from "./ses.ts";

/** Slope of the least-squares line through (t, values[t]), t = 0..n−1. */
export function linearSlope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanT = (n - 1) / 2;
  let meanY = 0;
  for (const v of values) meanY += v;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - meanT) * (values[t] - meanY);
    sxx += (t - meanT) ** 2;
  }
  return sxy / sxx;
}

/**
 * The Theta method of Assimakopoulos & Nikolopoulos (2000), winner of M3, in the form
 * Hyndman & Billah (2003) showed it equals: SES plus a drift of half the linear-trend slope
 * (R's `forecast::thetaf`, used by the M4 reference code). Intervals are those of the SES.
 */
export function fitTheta(values: readonly number[], horizon: number): ComponentFit {
  const n = values.length;
  const ses = fitSes(values, horizon);
  const halfSlope = linearSlope(values) / 2;
  const alpha = Math.max(1e-10, ses.alpha);
  const offset = (1 - (1 - alpha) ** n) / alpha;
  return {
    forecast: ses.forecast.map((level, h) => level + halfSlope * (h + offset)),
    sigma: ses.sigma,
    varianceFactors: ses.varianceFactors,
  };
}
