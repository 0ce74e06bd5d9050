/**
 * Calibration and scoring of probabilities: isotonic regression (pool adjacent violators),
 * the reliability table, AUC and the Brier score. Pure functions over plain arrays.
 */

export interface Calibrator {
  /** Block upper bounds of raw scores and their calibrated values, ascending. */
  points: Array<{ x: number; y: number }>;
}

/**
 * Isotonic regression of outcomes on scores: the non-decreasing step function closest (weighted
 * least squares) to the outcomes. Each pooled block is kept as (mean score, mean outcome);
 * `calibrate` interpolates linearly between blocks, so distinct scores keep their order.
 * Scores beyond the ends take the end blocks' values; `minEndWeight` merges an end block into
 * its neighbour until it holds at least that much weight, so that a handful of extreme rows (a
 * lone win at the top score) does not decide every score beyond them.
 */
export function fitIsotonic(
  scores: readonly number[],
  outcomes: readonly number[],
  weights?: readonly number[],
  minEndWeight = 0,
): Calibrator {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const blocks: Array<{ sx: number; sy: number; w: number }> = [];
  for (const i of order) {
    const w = weights ? weights[i] : 1;
    blocks.push({ sx: scores[i] * w, sy: outcomes[i] * w, w });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (prev.sy / prev.w < last.sy / last.w) break;
      prev.sx += last.sx;
      prev.sy += last.sy;
      prev.w += last.w;
      blocks.pop();
    }
  }
  const merge = (into: number, from: number) => {
    blocks[into].sx += blocks[from].sx;
    blocks[into].sy += blocks[from].sy;
    blocks[into].w += blocks[from].w;
    blocks.splice(from, 1);
  };
  while (blocks.length > 1 && blocks[0].w < minEndWeight) merge(1, 0);
  while (blocks.length > 1 && blocks[blocks.length - 1].w < minEndWeight)
    merge(blocks.length - 2, blocks.length - 1);
  return { points: blocks.map((b) => ({ x: b.sx / b.w, y: b.sy / b.w })) };
}

export function calibrate(c: Calibrator, score: number): number {
  const p = c.points;
  if (p.length === 0) return score;
  if (score <= p[0].x) return p[0].y;
  if (score >= p[p.length - 1].x) return p[p.length - 1].y;
  let lo = 0;
  let hi = p.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (p[mid].x <= score) lo = mid;
    else hi = mid;
  }
  const t = (score - p[lo].x) / (p[hi].x - p[lo].x);
  return p[lo].y + t * (p[hi].y - p[lo].y);
}

export interface ReliabilityBin {
  /** The bin's range of predicted probability, [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  count: number;
  predicted: number | null;
  observed: number | null;
}

/** Predicted mean against observed win rate in equal-width bins of predicted probability. */
export function reliabilityTable(
  predicted: readonly number[],
  outcomes: readonly number[],
  bins = 10,
  weights?: readonly number[],
): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ n: 0, w: 0, p: 0, y: 0 }));
  predicted.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    const w = weights ? weights[i] : 1;
    sums[b].n++;
    sums[b].w += w;
    sums[b].p += p * w;
    sums[b].y += outcomes[i] * w;
  });
  return sums.map((s, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: s.n,
    predicted: s.w ? s.p / s.w : null,
    observed: s.w ? s.y / s.w : null,
  }));
}

/** Area under the ROC curve: the chance a random win scores above a random loss (ties count half). */
export function auc(scores: readonly number[], outcomes: readonly number[]): number | null {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (outcomes[order[k]] === 1) {
        pos++;
        rankSum += rank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean squared error of probabilities against 0/1 outcomes (lower is better). */
export function brier(
  predicted: readonly number[],
  outcomes: readonly number[],
  weights?: readonly number[],
): number | null {
  let s = 0;
  let w = 0;
  predicted.forEach((p, i) => {
    const wi = weights ? weights[i] : 1;
    s += wi * (p - outcomes[i]) ** 2;
    w += wi;
  });
  return w ? s / w : null;
}
