import type { DealHistory } from "./deal-history.ts";

const DAY = 86_400_000;
/** Fewer deals than this through a stage and its history is not trusted on its own. */
export const MIN_STAGE_DEALS = 5;
const DEFAULT_DAYS_TO_CLOSE = 30;

interface Visit {
  /** Days from entering the stage to the deal's close. */
  days: number;
  won: boolean;
}

/**
 * What closed deals say about each open stage: how often deals that reached it were won, and
 * how long they took from entering it to closing. The base of the stage-probability method,
 * the stage-conversion forecast and the model's expected close dates.
 */
export interface StageStats {
  /** Historical win rate of deals that reached the stage, else the configured probability, else the overall win rate. */
  probability(stage: string): number;
  /** Where `probability` came from. */
  probabilitySource(stage: string): "history" | "configured" | "overall";
  /** Median days from entering the stage to a win. */
  medianDaysToClose(stage: string): number;
  /**
   * Chance a deal `ageDays` into `stage` is won between `fromDays` and `toDays` from now: among
   * closed deals that reached the stage and were still open that long after entering it.
   */
  winWithin(stage: string, ageDays: number, fromDays: number, toDays: number): number;
  stages: string[];
  closed: { won: number; lost: number };
}

const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Stage statistics from the deals closed by `asOfMs` (deals open then only lend their configured probabilities). */
export function stageStats(deals: readonly DealHistory[], asOfMs: number): StageStats {
  const visits = new Map<string, Visit[]>();
  const configured = new Map<string, number[]>();
  const wonDays: number[] = [];
  let won = 0;
  let lost = 0;
  for (const deal of deals) {
    if (deal.probability !== null && deal.closedAt === null) {
      if (!configured.has(deal.stage)) configured.set(deal.stage, []);
      configured.get(deal.stage)!.push(deal.probability / 100);
    }
    if (deal.closedAt === null || deal.closedAt > asOfMs || deal.outcome === null) continue;
    const isWon = deal.outcome === "won";
    if (isWon) won++;
    else lost++;
    if (isWon) wonDays.push((deal.closedAt - deal.openedAt) / DAY);
    const entered = new Map<string, number>();
    const changes = deal.changes.length ? deal.changes : [{ at: deal.openedAt, stage: deal.stage }];
    for (const c of changes) {
      if (c.at >= deal.closedAt && changes.length > 1) break;
      if (!entered.has(c.stage)) entered.set(c.stage, Math.min(c.at, deal.closedAt));
    }
    for (const [stage, at] of entered) {
      if (!visits.has(stage)) visits.set(stage, []);
      visits.get(stage)!.push({ days: (deal.closedAt - at) / DAY, won: isWon });
    }
  }
  const overall = won + lost ? won / (won + lost) : 0;
  const rates = new Map<string, number>();
  const daysToWin = new Map<string, number>();
  for (const [stage, list] of visits) {
    if (list.length >= MIN_STAGE_DEALS) rates.set(stage, list.filter((v) => v.won).length / list.length);
    const m = median(list.filter((v) => v.won).map((v) => v.days));
    if (m !== undefined) daysToWin.set(stage, m);
  }
  const configuredRate = new Map([...configured].map(([s, list]) => [s, median(list)!]));
  const overallDays = median(wonDays) ?? DEFAULT_DAYS_TO_CLOSE;
  const probability = (stage: string) => rates.get(stage) ?? configuredRate.get(stage) ?? overall;
  const cache = new Map<string, number>();
  return {
    probability,
    probabilitySource: (stage) =>
      rates.has(stage) ? "history" : configuredRate.has(stage) ? "configured" : "overall",
    medianDaysToClose: (stage) => daysToWin.get(stage) ?? overallDays,
    winWithin(stage, ageDays, fromDays, toDays) {
      const key = `${stage}|${Math.floor(ageDays)}|${Math.floor(fromDays)}|${Math.floor(toDays)}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const list = visits.get(stage) ?? [];
      let value: number | undefined;
      for (const age of [Math.floor(ageDays), 0]) {
        const alive = list.filter((v) => v.days > age);
        if (alive.length < MIN_STAGE_DEALS * 2) continue;
        const hits = alive.filter((v) => v.won && v.days > age + fromDays && v.days <= age + toDays + 1);
        value = hits.length / alive.length;
        break;
      }
      if (value === undefined) {
        const inWindow = wonDays.length
          ? wonDays.filter((d) => d > fromDays && d <= toDays + 1).length / wonDays.length
          : 0;
        value = probability(stage) * inWindow;
      }
      cache.set(key, value);
      return value;
    },
    stages: [...new Set([...visits.keys(), ...configured.keys()])],
    closed: { won, lost },
  };
}
