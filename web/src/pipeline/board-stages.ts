import type { GroupTotal } from "../grid/grid-items.ts";

/** Stages people use most, in the order deals move through them. */
const KNOWN = [
  "lead",
  "prospecting",
  "qualification",
  "qualified",
  "discovery",
  "demo",
  "evaluation",
  "proposal",
  "negotiation",
  "commit",
  "contracting",
];
const PIPELINES = ["new_business", "expansion", "renewal", "partner"];

const closedRank = (stage: string) => (/won/i.test(stage) ? 1 : /lost/i.test(stage) ? 2 : 0);

/**
 * Board columns: open stages first, ordered as deals move (known names, then by their average
 * win probability), then won, then lost.
 */
export function orderStages(groups: GroupTotal[]): GroupTotal[] {
  const avg = (g: GroupTotal) => (g.sums.probability?.[0]?.value ?? 0) / Math.max(1, g.count);
  const known = (g: GroupTotal) => {
    const i = KNOWN.indexOf(String(g.value).toLowerCase());
    return i === -1 ? KNOWN.length : i;
  };
  return groups
    .filter((g) => g.value !== null)
    .sort(
      (a, b) =>
        closedRank(String(a.value)) - closedRank(String(b.value)) ||
        known(a) - known(b) ||
        avg(a) - avg(b) ||
        String(a.value).localeCompare(String(b.value)),
    );
}

/** Pipelines in their usual order (new business, expansion, renewal, partner), then any others. */
export function orderPipelines(values: string[]): string[] {
  const rank = (v: string) => (PIPELINES.includes(v) ? PIPELINES.indexOf(v) : PIPELINES.length);
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Stages deals are in (with their probabilities, for ordering), stages they have been in, and won and lost. */
export function allStages(current: GroupTotal[], history: GroupTotal[]): GroupTotal[] {
  const out = [...current];
  const seen = new Set(current.map((g) => g.value));
  for (const value of [...history.map((g) => g.value), "closed_won", "closed_lost"]) {
    if (value === null || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, count: 0, sums: {} });
  }
  return out;
}
