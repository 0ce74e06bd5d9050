import { monthlyRecurringRevenue } from "../model/mrr.ts";
import type { Foundation } from "./foundation.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { AccountStory } from "./story-types.ts";
import { iso } from "./time.ts";

/**
 * Subscriptions and their versions as the write hook keeps them: a first version at
 * `started_at` ("created"), one per change of items, status, interval or currency, the
 * cancellation effective when service ends, and MRR always derived from the items.
 */
export function subscriptionRows(f: Foundation, story: AccountStory, out: Tables): void {
  const p = story.profile;
  const { now } = f.plan;
  for (const sub of story.subscriptions) {
    const interval = sub.terms.interval;
    const last = sub.versions[sub.versions.length - 1];
    const requested = sub.canceledAt !== null && sub.canceledAt <= now;
    const ended = sub.endsAt !== null && sub.endsAt <= now;
    emit(out, "subscriptions", {
      ...demoRecord(sub.id, sub.key, sub.startedAt, Math.max(last.at, requested ? sub.canceledAt! : 0), {
        account_id: p.id,
        status: last.status,
        currency: p.currency,
        billing_interval: interval,
        items: last.items,
        mrr_minor: monthlyRecurringRevenue(last.items, interval),
        started_at: iso(sub.startedAt),
        trial_start: sub.trial ? iso(sub.trial[0]) : null,
        trial_end: sub.trial ? iso(sub.trial[1]) : null,
        cancel_at: requested ? iso(sub.endsAt!) : null,
        canceled_at: requested ? iso(sub.canceledAt!) : null,
        ended_at: ended ? iso(sub.endsAt!) : null,
        opportunity_id: sub.dealId,
        partner_id: p.partner?.id ?? null,
      }),
      // Asking to cancel is one more update; it changes no terms, so it adds no version row.
      version: sub.versions.length + (requested ? 1 : 0),
    });
    sub.versions.forEach((v, i) => {
      emit(
        out,
        "subscription_versions",
        demoRecord(mintId("subscription_versions", v.at), `${sub.key}-v${i + 1}`, v.at, v.at, {
          subscription_id: sub.id,
          effective_at: iso(v.at),
          status: v.status,
          currency: p.currency,
          billing_interval: interval,
          items: v.items,
          mrr_minor: monthlyRecurringRevenue(v.items, interval),
          change_reason: v.reason,
        }),
      );
    });
  }
}
