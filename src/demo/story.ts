import type { LifecycleStage } from "../model/lifecycle.ts";
import type { AccountProfile } from "./account-profile.ts";
import { customerLife } from "./customer.ts";
import { openNewBusiness } from "./deals.ts";
import type { Foundation } from "./foundation.ts";
import type { Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import type { AccountStory } from "./story-types.ts";
import { DAY, HOUR } from "./time.ts";

/** Mean days from lead to MQL: bigger companies take longer to show intent. */
const TO_MQL: Record<Segment, number> = { smb: 18, mid_market: 28, enterprise: 40 };

/**
 * The account's journey: subscriber → lead → MQL → SQL → opportunity → customer, recycled to
 * lead after a lost deal (and sometimes re-engaged), churned and sometimes won back.
 */
export function tellStory(f: Foundation, random: Random, profile: AccountProfile): AccountStory {
  const { now } = f.plan;
  const story: AccountStory = { profile, stages: [], deals: [], subscriptions: [], customerSpans: [] };
  const move = (stage: LifecycleStage, at: number): boolean => {
    if (at > now) return false;
    const last = story.stages[story.stages.length - 1];
    if (last?.stage !== stage) story.stages.push({ stage, at: Math.max(at, last ? last.at + 60_000 : at) });
    return true;
  };

  let at = profile.createdAt;
  if (profile.subscriber) {
    move("subscriber", at);
    at += random.exp(25) * DAY;
  }
  if (!move("lead", at)) return story;

  for (let attempt = 0; ; attempt++) {
    const openAt = funnel(random, story, move, at, attempt);
    if (openAt === null) return story;
    let { deal, terms } = openNewBusiness(f, random, story, openAt, false);
    if (deal.outcome.status === "lost") {
      const lostAt = deal.outcome.closedAt!;
      move("lead", lostAt + random.between(1, 7) * DAY);
      if (!random.chance(0.3)) return story;
      at = lostAt + random.between(60, 300) * DAY;
      continue;
    }
    // Won, possibly lost later to churn, possibly won back.
    while (deal.outcome.status === "won") {
      move("customer", deal.outcome.closedAt!);
      const ended = customerLife(f, random, story, deal, terms);
      const span = story.customerSpans[story.customerSpans.length - 1];
      if (span[1] - span[0] > 270 * DAY && random.chance(0.25)) {
        move("evangelist", span[0] + random.between(180 * DAY, span[1] - span[0] - 30 * DAY));
      }
      if (ended === null) return story;
      move("churned", ended);
      const back = ended + random.between(30, 240) * DAY;
      if (back > now || !random.chance(0.35)) return story;
      ({ deal, terms } = openNewBusiness(f, random, story, back, true));
    }
    return story;
  }
}

type Move = (stage: LifecycleStage, at: number) => boolean;

/** Moves a lead to an opportunity, or stops where it stalls; returns when the deal opened. */
function funnel(
  random: Random,
  story: AccountStory,
  move: Move,
  from: number,
  attempt: number,
): number | null {
  const p = story.profile;
  const inbound = attempt > 0 || (p.channel !== "outbound" && p.channel !== "partner");
  let at = from;
  if (inbound) {
    at += random.exp(TO_MQL[p.segment]) * DAY + random.int(1, 8) * HOUR;
    if (!random.chance(attempt > 0 ? 0.8 : 0.7) || !move("mql", at)) return null;
    at += random.exp(10) * DAY + random.int(1, 8) * HOUR;
    if (!random.chance(0.72) || !move("sql", at)) return null;
  } else {
    at += random.exp(p.partner ? 10 : 25) * DAY + random.int(1, 8) * HOUR;
    if (!random.chance(p.partner ? 0.8 : 0.45) || !move("sql", at)) return null;
  }
  at += random.exp(6) * DAY + random.int(1, 8) * HOUR;
  if (!random.chance(0.9) || !move("opportunity", at)) return null;
  return at;
}
