import { contractTerms, type Terms } from "./deal-terms.ts";
import { openExpansion, openRenewal, RENEWAL_LEAD } from "./deals.ts";
import type { Foundation } from "./foundation.ts";
import type { Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import { mintId } from "./rows.ts";
import type { AccountStory, Deal, SubscriptionStory, SubscriptionVersion } from "./story-types.ts";
import { addMonths, DAY, HOUR } from "./time.ts";

const MONTHLY_CHURN: Record<Segment, number> = { smb: 0.028, mid_market: 0.014, enterprise: 0.007 };
const MONTHLY_EXPANSION: Record<Segment, number> = { smb: 0.02, mid_market: 0.035, enterprise: 0.05 };
const MONTHLY_CONTRACTION = 0.006;

const sameItems = (a: Terms, b: Terms) => JSON.stringify(a.items) === JSON.stringify(b.items);

/**
 * A won deal becomes a subscription, then the customer lives: expansions, contractions,
 * renewals of yearly terms, churn. Returns when service ended (≤ now), or null while still a
 * customer (or when the story reached now).
 */
export function customerLife(
  f: Foundation,
  random: Random,
  story: AccountStory,
  deal: Deal,
  won: Terms,
): number | null {
  const { now } = f.plan;
  const wonAt = deal.outcome.closedAt!;
  const p = story.profile;
  const trial = p.segment !== "enterprise" && wonAt - deal.openedAt > 10 * DAY && random.chance(0.35);
  const startedAt = trial
    ? Math.max(deal.openedAt, wonAt - 14 * DAY)
    : Math.min(now, wonAt + random.int(1, 72) * HOUR);
  const sub: SubscriptionStory = {
    id: mintId("subscriptions", startedAt),
    key: `${p.key}-s${story.subscriptions.length + 1}`,
    dealId: deal.id,
    terms: won,
    startedAt,
    trial: trial ? [startedAt, wonAt] : null,
    billingStart: trial ? wonAt : startedAt,
    versions: [],
    canceledAt: null,
    endsAt: null,
  };
  story.subscriptions.push(sub);
  const version: Version = (at, status, terms, reason) => {
    // A change that lands while a slipped deal was still closing takes effect right after it.
    const last = sub.versions[sub.versions.length - 1];
    const effective = last && at <= last.at ? last.at + HOUR : at;
    if (effective <= now) sub.versions.push({ at: effective, status, items: terms.items, reason });
    return effective;
  };
  if (trial) {
    version(startedAt, "trialing", won, "created");
    version(wonAt, "active", won, "trial_converted");
  } else version(startedAt, "active", won, "created");

  const ended =
    won.interval === "month"
      ? monthlyLife(f, random, story, sub, version)
      : yearlyLife(f, random, story, sub, version);
  const until = Math.min(ended ?? now, now);
  story.customerSpans.push([wonAt, until]);
  return ended !== null && ended <= now ? ended : null;
}

/** Records a change effective at `at` (or just after the previous change); returns when it took effect. */
type Version = (at: number, status: SubscriptionVersion["status"], terms: Terms, reason: string) => number;

function cancel(sub: SubscriptionStory, version: Version, terms: Terms, requested: number, ends: number) {
  sub.endsAt = version(ends, "canceled", terms, "churn");
  sub.canceledAt = Math.min(requested, sub.endsAt - HOUR);
  return sub.endsAt;
}

function monthlyLife(
  f: Foundation,
  random: Random,
  story: AccountStory,
  sub: SubscriptionStory,
  version: Version,
) {
  const { now } = f.plan;
  const segment = story.profile.segment;
  let terms = sub.terms;
  for (let k = 0; ; k++) {
    const from = addMonths(sub.billingStart, k);
    const to = addMonths(sub.billingStart, k + 1);
    if (from > now) return null;
    const at = from + (to - from) * random.between(0.1, 0.9);
    if (random.chance(MONTHLY_CHURN[segment])) {
      // Cancelling takes effect at the end of the period already paid for.
      return at <= now ? cancel(sub, version, terms, at, to) : null;
    }
    if (random.chance(MONTHLY_EXPANSION[segment])) {
      if (at > now) return null;
      const { deal, terms: bigger } = openExpansion(f, random, story, at, terms);
      if (deal.outcome.endsAt > now) return null;
      if (deal.outcome.status === "won") {
        version(deal.outcome.closedAt!, "active", bigger, "expansion");
        terms = bigger;
      }
      while (addMonths(sub.billingStart, k + 1) < deal.outcome.endsAt) k++;
    } else if (random.chance(MONTHLY_CONTRACTION) && at <= now) {
      const smaller = contractTerms(random, terms);
      if (!sameItems(smaller, terms)) {
        version(at, "active", smaller, "contraction");
        terms = smaller;
      }
    }
  }
}

function yearlyLife(
  f: Foundation,
  random: Random,
  story: AccountStory,
  sub: SubscriptionStory,
  version: Version,
) {
  const { now } = f.plan;
  const segment = story.profile.segment;
  let terms = sub.terms;
  for (let year = 1; ; year++) {
    const termStart = addMonths(sub.billingStart, 12 * (year - 1));
    const termEnd = addMonths(sub.billingStart, 12 * year);
    const renewalOpens = termEnd - RENEWAL_LEAD[segment] * DAY;
    let at = termStart + random.int(45, 75) * DAY;
    while (at < renewalOpens - 45 * DAY) {
      if (at > now) return null;
      if (random.chance(MONTHLY_EXPANSION[segment])) {
        const { deal, terms: bigger } = openExpansion(f, random, story, at, terms);
        if (deal.outcome.endsAt > now) return null;
        if (deal.outcome.status === "won") {
          version(deal.outcome.closedAt!, "active", bigger, "expansion");
          terms = bigger;
        }
        at = deal.outcome.endsAt;
      }
      at += random.int(25, 35) * DAY;
    }
    const opens = Math.max(renewalOpens, Math.min(at, termEnd - 14 * DAY));
    if (opens > now) return null;
    const renewal = openRenewal(f, random, story, opens, termEnd, terms);
    const outcome = renewal.deal.outcome;
    if (outcome.endsAt > now) return null;
    if (outcome.status === "lost")
      return cancel(sub, version, terms, Math.min(outcome.closedAt!, termEnd - DAY), termEnd);
    if (!sameItems(renewal.terms, terms)) {
      version(termEnd, "active", renewal.terms, renewal.reason);
      terms = renewal.terms;
    }
    if (termEnd > now) return null;
  }
}
