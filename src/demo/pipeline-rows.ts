import type { ContactPlan } from "./contacts.ts";
import { STAGE_PROBABILITY } from "./deal.ts";
import type { Foundation } from "./foundation.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { Stats } from "./stats.ts";
import type { AccountStory } from "./story-types.ts";
import { iso } from "./time.ts";

const NEXT_STEP: Record<string, string> = {
  prospecting: "Book a discovery call",
  qualification: "Confirm budget, authority and timeline",
  discovery: "Run the product demo with the buying committee",
  proposal: "Send the proposal and pricing",
  negotiation: "Review contract redlines with legal",
};

/**
 * Opportunities and their stage history exactly as the write hook keeps it: the first row at
 * `opened_at` with no from-stage, one row per change of stage, amount, close date or forecast
 * category, and the last row equal to the opportunity as it stands.
 */
export function pipelineRows(
  f: Foundation,
  story: AccountStory,
  contacts: ContactPlan[],
  stats: Stats,
  out: Tables,
): void {
  const p = story.profile;
  const usd = (amount: number, at: number) => f.toUsd(amount, p.currency, at);
  for (const deal of story.deals) {
    const { snapshots, status, closedAt, lossReason } = deal.outcome;
    const last = snapshots[snapshots.length - 1];
    const contact = contacts.find((c) => c.createdAt <= deal.openedAt) ?? contacts[0];
    emit(out, "opportunities", {
      ...demoRecord(deal.id, deal.key, deal.openedAt, last.at, {
        name: deal.name,
        account_id: p.id,
        primary_contact_id: contact.id,
        type: deal.kind,
        pipeline: deal.kind === "new" ? "new_business" : deal.kind,
        stage: last.stage,
        status,
        amount_minor: last.amount,
        currency: p.currency,
        close_date: last.closeDate,
        forecast_category: last.forecast,
        probability: STAGE_PROBABILITY[last.stage],
        opened_at: iso(deal.openedAt),
        closed_at: closedAt === null ? null : iso(closedAt),
        loss_reason: lossReason,
        next_step: status === "open" ? NEXT_STEP[last.stage] : null,
        owner_id: deal.owner.id,
        source_campaign_id: deal.sourceCampaignId,
        partner_id: deal.partnerId,
      }),
      version: snapshots.length,
    });
    snapshots.forEach((s, i) => {
      emit(
        out,
        "opportunity_stage_history",
        demoRecord(mintId("opportunity_stage_history", s.at), `${deal.key}-h${i + 1}`, s.at, s.at, {
          opportunity_id: deal.id,
          from_stage: i === 0 ? null : snapshots[i - 1].stage,
          to_stage: s.stage,
          amount_minor: s.amount,
          currency: p.currency,
          close_date: s.closeDate,
          forecast_category: s.forecast,
          changed_at: iso(s.at),
          changed_by: deal.owner.id,
        }),
      );
    });
    stats.add("pipeline_created", deal.owner.id, deal.openedAt, usd(snapshots[0].amount, deal.openedAt));
    if (status === "won" && closedAt !== null) {
      stats.add("bookings", deal.owner.id, closedAt, usd(last.amount, closedAt));
      stats.add("deals_won", deal.owner.id, closedAt, 1);
      if (deal.kind === "new") stats.add("new_mrr", deal.owner.id, closedAt, usd(deal.arr / 12, closedAt));
      if (deal.kind === "expansion")
        stats.add("expansion_mrr", "all", closedAt, usd(deal.arr / 12, closedAt));
      if (deal.partnerId) stats.add("partner_bookings", "all", closedAt, usd(last.amount, closedAt));
    }
  }
}
