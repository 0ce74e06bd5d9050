import type { Campaign } from "./campaigns.ts";
import { activityLevel, type DemoPlan, progress } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { addMonths, DAY, endOfMonth, isoDate, monthKey, monthsBetween } from "./time.ts";

/** Spend grows with the company: proportional to its size and to how busy the month is. */
const scale = (plan: DemoPlan, at: number) =>
  (plan.accounts / 300) * activityLevel(plan, Math.min(at, plan.now));

const ONE_OFF = new Set(["event", "webinar"]);

function cost(out: Tables, key: string, at: number, fields: Record<string, unknown>): void {
  emit(out, "costs", demoRecord(mintId("costs", at), key, at, at, { ...fields, incurred_on: isoDate(at) }));
}

/** Monthly spend entries of a campaign (or one entry for an event); returns spent and budget. */
export function campaignCosts(
  plan: DemoPlan,
  random: Random,
  campaign: Campaign,
  out: Tables,
): { spent: number; budget: number | null } {
  if (campaign.rate === 0) return { spent: 0, budget: null };
  let spent = 0;
  let planned = 0;
  const charge = (at: number, plannedShare: number, share: number, label: string) => {
    planned += Math.round(campaign.rate * scale(plan, at) * plannedShare);
    const amount = Math.round(campaign.rate * scale(plan, at) * share * random.between(0.85, 1.15));
    if (at > plan.now || amount <= 0) return;
    spent += amount;
    cost(out, `cost-${campaign.key}-${label}`, at, {
      category: "campaign",
      campaign_id: campaign.id,
      description: `${campaign.name} — ${label}`,
      amount_minor: amount,
      currency: "USD",
    });
  };
  if (ONE_OFF.has(campaign.channel)) charge(campaign.end, 1, 1, monthKey(campaign.end));
  else {
    for (const month of monthsBetween(campaign.start, campaign.end)) {
      const from = Math.max(month, campaign.start);
      const until = Math.min(endOfMonth(month), campaign.end);
      const to = Math.min(until, plan.now);
      const days = (addMonths(month, 1) - month) / DAY;
      charge(
        to,
        ((until - from) / DAY + 1) / days,
        Math.max(0, (to - from) / DAY + 1) / days,
        monthKey(month),
      );
    }
  }
  return { spent, budget: Math.round((planned * random.between(0.95, 1.2)) / 10_000) * 10_000 };
}

/**
 * Salaries and tools of the sales and marketing teams, month by month, so CAC per month adds
 * up. Sized to the business (about a dollar and a half of sales and marketing per dollar of
 * new ARR), not to the demo's user list, which covers only part of each team.
 */
export function teamCosts(plan: DemoPlan, random: Random, out: Tables): void {
  const size = plan.accounts / 300;
  for (const month of monthsBetween(plan.start, plan.now)) {
    const end = Math.min(endOfMonth(month), plan.now);
    const share = ((end - Math.max(month, plan.start)) / DAY + 1) / ((addMonths(month, 1) - month) / DAY);
    // Headcount grew from half to full strength over the three years.
    const staffed = size * (0.5 + 0.5 * progress(plan, month)) * share;
    const lines: Array<[string, string, number]> = [
      ["marketing_salaries", "Marketing team salaries", 1_500_000 * staffed],
      [
        "marketing_tools",
        "Marketing automation, website and data tools",
        350_000 * scale(plan, month) * share,
      ],
      ["sales_salaries", "Sales team salaries", 4_000_000 * staffed],
      ["sales_tools", "Sales engagement, CRM seats and data", 300_000 * staffed],
    ];
    for (const [category, description, amount] of lines) {
      cost(out, `cost-${category.replaceAll("_", "-")}-${monthKey(month)}`, end, {
        category,
        campaign_id: null,
        description,
        amount_minor: Math.round(amount * random.between(0.97, 1.03)),
        currency: "USD",
      });
    }
  }
}
