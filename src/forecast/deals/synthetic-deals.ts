import type { DealChange, DealHistory } from "./deal-history.ts";

const DAY = 86_400_000;
export const SYNTHETIC_STAGES = ["prospecting", "qualification", "proposal", "negotiation"];

/** A deterministic pseudo-random stream (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deals for tests and benches where the outcome depends on things the model can see: strong
 * owners win more, deals with recent activity win more, deals that slip lose more. Opened
 * evenly over `days` before `end`; those whose close would fall after `end` are still open.
 */
export function syntheticDeals(
  count: number,
  options: { seed?: number; end: number; days?: number; owners?: number },
): DealHistory[] {
  const rnd = seeded(options.seed ?? 1);
  const days = options.days ?? 730;
  const owners = options.owners ?? 8;
  const deals: DealHistory[] = [];
  for (let i = 0; i < count; i++) {
    const owner = Math.floor(rnd() * owners);
    const skill = (owner / (owners - 1)) * 2 - 1;
    const engaged = rnd() < 0.5;
    const slips = rnd() < 0.3 ? 1 + Math.floor(rnd() * 2) : 0;
    const quality = skill + (engaged ? 0.8 : -0.8) - slips * 0.6 + (rnd() - 0.5);
    const won = rnd() < 1 / (1 + Math.exp(-quality));
    const openedAt = options.end - Math.floor(rnd() * days * DAY);
    const amount = Math.round(1000 + rnd() * 50_000) * 100;
    const lastStage = won ? SYNTHETIC_STAGES.length - 1 : Math.floor(rnd() * SYNTHETIC_STAGES.length);
    const changes: DealChange[] = [];
    let at = openedAt;
    let closeDate = new Date(openedAt + 60 * DAY).toISOString().slice(0, 10);
    for (let s = 0; s <= lastStage; s++) {
      changes.push({
        at,
        stage: SYNTHETIC_STAGES[s],
        amount,
        currency: "USD",
        closeDate,
        forecastCategory: s >= 3 ? "commit" : s === 2 ? "best_case" : "pipeline",
      });
      at += Math.floor((5 + rnd() * 20) * DAY);
      if (s === 0 && slips) {
        for (let k = 0; k < slips; k++) {
          closeDate = new Date(Date.parse(closeDate) + 30 * DAY).toISOString().slice(0, 10);
          changes.push({
            at: at - DAY * (k + 1),
            stage: SYNTHETIC_STAGES[s],
            amount,
            currency: "USD",
            closeDate,
            forecastCategory: "pipeline",
          });
          changes.sort((a, b) => a.at - b.at);
        }
      }
    }
    const closedAt = at;
    const activities: number[] = [];
    const perWeek = engaged ? 2 : 0.3;
    for (let t = openedAt; t < closedAt; t += 7 * DAY) {
      const n = Math.floor(perWeek + rnd());
      for (let k = 0; k < n; k++) activities.push(t + Math.floor(rnd() * 7 * DAY));
    }
    activities.sort((a, b) => a - b);
    const open = closedAt > options.end;
    deals.push({
      id: `d${String(i).padStart(5, "0")}`,
      name: `Deal ${i}`,
      type: rnd() < 0.7 ? "new" : "expansion",
      leadSource: ["web", "event", "referral"][Math.floor(rnd() * 3)],
      ownerId: `u${owner}`,
      teamId: owner < owners / 2 ? "t1" : "t2",
      currency: "USD",
      openedAt,
      closedAt: open ? null : closedAt,
      outcome: open ? null : won ? "won" : "lost",
      stage: open ? changes[changes.length - 1].stage : won ? "closed_won" : "closed_lost",
      amount,
      closeDate,
      forecastCategory: "pipeline",
      probability: null,
      changes: open
        ? changes.filter((c) => c.at <= options.end)
        : [
            ...changes,
            {
              at: closedAt,
              stage: won ? "closed_won" : "closed_lost",
              amount,
              currency: "USD",
              closeDate,
              forecastCategory: won ? "closed" : "omitted",
            },
          ],
      activities: open ? activities.filter((t) => t <= options.end) : activities,
    });
  }
  return deals;
}
