/** Multi-touch attribution models: how a conversion's credit is shared among its touchpoints. */
export const ATTRIBUTION_MODELS = [
  "first_touch",
  "last_touch",
  "linear",
  "u_shaped",
  "w_shaped",
  "time_decay",
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const MODEL_DESCRIPTIONS: Record<AttributionModel, string> = {
  first_touch: "All credit to the first touch.",
  last_touch: "All credit to the last touch before the conversion.",
  linear: "Equal credit to every touch.",
  u_shaped:
    "40% to the first touch, 40% to the last, 20% split evenly among the touches between (50/50 with two touches).",
  w_shaped:
    "30% each to the first touch, the touch that created the lead (last touch at or before the lead date; the first touch when unknown) and the touch that created the opportunity (last touch at or before it opened); 10% split among the others. One touch can take several 30% shares; when every touch is such a milestone, the shares are scaled to 100%.",
  time_decay:
    "Credit halves for every half-life (setting time_decay_half_life_days, default 7) a touch happened before the conversion, then is scaled to 100%.",
};

export interface AttributionInput {
  /** Touch times (epoch ms), oldest first. */
  touches: number[];
  /** The conversion: opportunity opened (pipeline) or won (revenue). */
  conversionAt: number;
  /** When the opportunity opened (W-shaped's third milestone); defaults to the conversion. */
  openedAt?: number;
  /** When the contact became a lead (W-shaped's second milestone), if known. */
  leadAt?: number | null;
  halfLifeDays: number;
}

const DAY_MS = 86_400_000;

/** Position (1-based) of the last touch at or before `at`, at least 1. */
function lastAtOrBefore(touches: number[], at: number): number {
  let position = 0;
  touches.forEach((t, i) => {
    if (t <= at) position = i + 1;
  });
  return Math.max(1, position);
}

/** Each touch's share of the conversion, in touch order; the shares add up to 1 (none without touches). */
export function attributionWeights(model: AttributionModel, input: AttributionInput): number[] {
  const n = input.touches.length;
  if (n === 0) return [];
  const positions = input.touches.map((_, i) => i + 1);
  switch (model) {
    case "first_touch":
      return positions.map((r) => (r === 1 ? 1 : 0));
    case "last_touch":
      return positions.map((r) => (r === n ? 1 : 0));
    case "linear":
      return positions.map(() => 1 / n);
    case "u_shaped":
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      return positions.map((r) => (r === 1 || r === n ? 0.4 : 0.2 / (n - 2)));
    case "w_shaped": {
      const lead = input.leadAt == null ? 1 : lastAtOrBefore(input.touches, input.leadAt);
      const opened = lastAtOrBefore(input.touches, input.openedAt ?? input.conversionAt);
      const milestones = new Set([1, lead, opened]).size;
      const share = (r: number) => 0.3 * (Number(r === 1) + Number(r === lead) + Number(r === opened));
      if (n === milestones) return positions.map((r) => share(r) / 0.9);
      return positions.map((r) => share(r) || 0.1 / (n - milestones));
    }
    case "time_decay": {
      const raw = input.touches.map((t) => 2 ** (-(input.conversionAt - t) / (input.halfLifeDays * DAY_MS)));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((w) => w / sum);
    }
  }
}
