import type { Random } from "./random.ts";
import { DAY, isoDate } from "./time.ts";
import { LOSS_REASONS } from "./words.ts";

export const OPEN_STAGES = ["prospecting", "qualification", "discovery", "proposal", "negotiation"] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

export const STAGE_PROBABILITY: Record<string, number> = {
  prospecting: 10,
  qualification: 20,
  discovery: 40,
  proposal: 60,
  negotiation: 80,
  closed_won: 100,
  closed_lost: 0,
};

const FORECAST: Record<string, string> = {
  prospecting: "pipeline",
  qualification: "pipeline",
  discovery: "pipeline",
  proposal: "best_case",
  negotiation: "commit",
};

/** The tracked state of a deal after one change: what the stage-history hook records. */
export interface Snapshot {
  at: number;
  stage: string;
  amount: number;
  closeDate: string;
  forecast: string;
}

export interface DealPlan {
  openedAt: number;
  /** Index in OPEN_STAGES of the first stage. */
  firstStage: number;
  /** The amount if the deal is won. */
  amount: number;
  /** Typical days spent in one stage. */
  stageDays: number;
  winProbability: number;
  /** Whole units the rep rounds early estimates to (minor units). */
  roundTo: number;
  now: number;
}

export interface DealOutcome {
  /** Every change up to now, in order; the last one is the deal's current state. */
  snapshots: Snapshot[];
  status: "open" | "won" | "lost";
  closedAt: number | null;
  lossReason: string | null;
  /** When the deal would close (past now for open deals): story code moves on from here. */
  endsAt: number;
}

/**
 * Plays a deal forward stage by stage: early amounts are estimates revised at proposal and
 * negotiation, close dates slip when stages drag, some deals stall and die, and anything
 * after `now` has not happened yet (the deal is still open).
 */
export function simulateDeal(random: Random, plan: DealPlan): DealOutcome {
  const won = random.chance(plan.winProbability);
  const last = OPEN_STAGES.length - 1;
  const lostAt = won ? -1 : lossStage(random, plan.firstStage);
  const exitStage = won ? last : lostAt;
  const stalls = !won && random.chance(0.15);
  const snapshots: Snapshot[] = [];
  const estimate = (factor: number) =>
    Math.max(plan.roundTo, Math.round((plan.amount * factor) / plan.roundTo) * plan.roundTo);
  let at = plan.openedAt;
  let amount = plan.firstStage >= 3 ? plan.amount : estimate(random.between(0.6, 1.4));
  const stagesLeft = OPEN_STAGES.length - plan.firstStage;
  let closeDate = isoDate(at + plan.stageDays * stagesLeft * random.between(0.8, 1.2) * DAY + 7 * DAY);
  const record = (stage: string, forecast: string) => {
    const previous = snapshots[snapshots.length - 1];
    if (
      previous &&
      previous.stage === stage &&
      previous.amount === amount &&
      previous.closeDate === closeDate &&
      previous.forecast === forecast
    )
      return;
    snapshots.push({ at, stage, amount, closeDate, forecast });
  };
  record(OPEN_STAGES[plan.firstStage], FORECAST[OPEN_STAGES[plan.firstStage]]);

  for (let index = plan.firstStage; index <= exitStage; index++) {
    const stage = OPEN_STAGES[index];
    let dwell = plan.stageDays * random.logNormal(1, 0.5) * DAY;
    if (stalls && index === exitStage) dwell += random.between(60, 200) * DAY;
    // The expected close date passes while the stage drags on: the rep pushes it out.
    const leaving = at + dwell;
    if (leaving > Date.parse(closeDate) && random.chance(0.6)) {
      at += dwell * random.between(0.5, 0.9);
      closeDate = isoDate(Math.max(at, leaving) + random.int(14, 45) * DAY);
      record(stage, FORECAST[stage]);
    }
    at = leaving;
    if (index === exitStage) break;
    const next = OPEN_STAGES[index + 1];
    if (next === "proposal") amount = estimate(random.between(1, 1.25));
    if (next === "negotiation") amount = won ? plan.amount : estimate(random.between(0.85, 1.1));
    record(next, FORECAST[next]);
  }
  if (won) amount = plan.amount;
  closeDate = isoDate(at);
  record(won ? "closed_won" : "closed_lost", "closed");
  const endsAt = at;

  const happened = snapshots.filter((s) => s.at <= plan.now);
  const closed = happened.length === snapshots.length;
  return {
    snapshots: happened,
    status: closed ? (won ? "won" : "lost") : "open",
    closedAt: closed ? endsAt : null,
    lossReason: closed && !won ? (stalls ? "Went dark" : random.weighted(LOSS_REASONS)) : null,
    endsAt,
  };
}

/** Lost deals die early more often than late. */
function lossStage(random: Random, first: number): number {
  const weights: Record<string, number> = {};
  for (let i = first; i < OPEN_STAGES.length; i++) weights[String(i)] = [3, 3, 2.5, 2, 1.5][i];
  return Number(random.weighted(weights));
}
