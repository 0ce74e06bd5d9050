import type { TermInterval } from "./term-dates.ts";

/** One subscription's past: how many of its terms renewed, and whether it ended (a term that did not). */
export interface TermHistory {
  segment: string | null;
  interval: TermInterval;
  renewed: number;
  churned: number;
}

/**
 * Weight, in terms, of the all-segment rate when a segment's own rate is smoothed towards it:
 * a segment with 10 past terms is half its own history, half the workspace's.
 */
export const SEGMENT_PRIOR_TERMS = 10;

export interface RenewalRate {
  segment: string | null;
  interval: TermInterval;
  renewed: number;
  terms: number;
  probability: number;
}

export interface RenewalRates {
  /** The smoothed probability that a term of this segment and interval renews. */
  probability(segment: string | null, interval: TermInterval): number;
  /** Every (segment, interval) seen, then the all-segment rate of each interval (segment null). */
  table: RenewalRate[];
}

/**
 * Renewal probability learnt from past terms, per billing interval (a month renews far more
 * often than a year does, so the two are never pooled) and customer segment:
 * - the interval's rate over every segment, with additive (Laplace) smoothing, i.e. the mean of
 *   a Beta(1, 1) prior updated by the terms: (renewed + 1) / (terms + 2);
 * - a segment's rate shrunk towards it, a Beta prior worth SEGMENT_PRIOR_TERMS terms:
 *   (renewed + 10 × interval rate) / (terms + 10).
 * With no history at all the probability is 1/2: the response says how many terms it rests on.
 */
export function learnRenewalRates(history: TermHistory[]): RenewalRates {
  const count = (m: Map<string, { renewed: number; terms: number }>, key: string, h: TermHistory) => {
    const c = m.get(key) ?? { renewed: 0, terms: 0 };
    c.renewed += h.renewed;
    c.terms += h.renewed + h.churned;
    m.set(key, c);
  };
  const byInterval = new Map<string, { renewed: number; terms: number }>();
  const bySegment = new Map<string, { renewed: number; terms: number }>();
  const segKey = (segment: string | null, interval: string) => `${segment ?? ""}|${interval}`;
  for (const h of history) {
    count(byInterval, h.interval, h);
    count(bySegment, segKey(h.segment, h.interval), h);
  }
  const intervalRate = (interval: TermInterval) => {
    const c = byInterval.get(interval) ?? { renewed: 0, terms: 0 };
    return (c.renewed + 1) / (c.terms + 2);
  };
  const probability = (segment: string | null, interval: TermInterval) => {
    const prior = intervalRate(interval);
    const c = bySegment.get(segKey(segment, interval));
    if (!c) return prior;
    return (c.renewed + SEGMENT_PRIOR_TERMS * prior) / (c.terms + SEGMENT_PRIOR_TERMS);
  };
  const table: RenewalRate[] = [];
  for (const [key, c] of [...bySegment].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [segment, interval] = key.split("|") as [string, TermInterval];
    table.push({
      segment: segment || null,
      interval,
      ...c,
      probability: probability(segment || null, interval),
    });
  }
  for (const [interval, c] of [...byInterval].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const i = interval as TermInterval;
    table.push({ segment: null, interval: i, ...c, probability: intervalRate(i) });
  }
  return { probability, table };
}
