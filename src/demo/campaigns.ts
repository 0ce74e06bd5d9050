import { campaignCosts } from "./costs.ts";
import type { Partners } from "./partners.ts";
import type { People } from "./people.ts";
import type { DemoPlan } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { addMonths, DAY, isoDate, startOfMonth, workday } from "./time.ts";

export type Channel =
  | "paid_search"
  | "paid_social"
  | "display"
  | "email"
  | "webinar"
  | "event"
  | "content"
  | "seo"
  | "partner"
  | "referral"
  | "outbound"
  | "direct";

export interface Campaign {
  id: string;
  key: string;
  name: string;
  channel: Channel;
  start: number;
  /** Last day (a webinar's or an event's date for those). */
  end: number;
  /** Spend a month at the average activity of a 300-account company, US cents; once for events. */
  rate: number;
  slug: string;
  partnerId: string | null;
}

export interface Campaigns {
  list: Campaign[];
  /** A campaign of the channel running at `at`, if any. */
  at(channel: Channel, at: number, random: Random): Campaign | undefined;
  /** The event whose date is nearest to `at` (not after now). */
  nearestEvent(at: number): Campaign | undefined;
  /** The partner's co-marketing campaign running at `at`, else the always-on partner referrals. */
  forPartner(partnerId: string, at: number): Campaign;
}

const TOPICS = [
  "Forecasting without spreadsheets",
  "One funnel for marketing and sales",
  "Cutting revenue leakage",
  "Pipeline reviews that work",
  "Churn signals your CS team misses",
  "Board-ready SaaS metrics",
];
const EVENTS = ["RevOps Summit", "SaaS Growth Forum", "Pipeline Live", "Revenue Leaders Day"];
const PERSONAS = ["RevOps leaders", "Sales leaders", "Marketing ops", "Finance teams"];
const EBOOKS = ["The RevOps Playbook", "State of B2B Pipeline", "NRR Benchmarks", "Forecasting Field Guide"];

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function buildCampaigns(
  plan: DemoPlan,
  people: People,
  partners: Partners,
  random: Random,
  out: Tables,
): Campaigns {
  const list: Campaign[] = [];
  const add = (
    channel: Channel,
    name: string,
    start: number,
    end: number,
    rate: number,
    partnerId?: string,
  ) => {
    const key = `campaign-${String(list.length + 1).padStart(4, "0")}`;
    // Planned a fortnight ahead (next quarter's campaigns are already planned at now).
    const created = Math.min(start - 14 * DAY, plan.now - DAY);
    const campaign: Campaign = {
      id: mintId("campaigns", created),
      key,
      name,
      channel,
      start,
      end,
      rate,
      slug: slugify(name),
      partnerId: partnerId ?? null,
    };
    list.push(campaign);
    const { spent, budget } = campaignCosts(plan, random, campaign, out);
    const owner = partnerId ? people.byRole.get("partner_ops")! : people.byRole.get("marketing_ops")!;
    emit(
      out,
      "campaigns",
      demoRecord(campaign.id, key, created, created, {
        name,
        channel,
        status: end < plan.now ? "completed" : start > plan.now ? "planned" : "active",
        start_date: isoDate(start),
        end_date: isoDate(end),
        budget_minor: budget,
        spend_minor: spent,
        currency: "USD",
        owner_id: random.pick(owner).id,
        partner_id: partnerId ?? null,
        custom: { utm_campaign: campaign.slug },
      }),
    );
  };

  add("seo", "Organic Search", plan.start, plan.now, 120_000);
  add("referral", "Customer Referral Program", plan.start, plan.now, 40_000);
  add("direct", "Website — Direct", plan.start, plan.now, 0);
  add("partner", "Partner Referrals", plan.start, plan.now, 0);
  add("email", "Newsletter", plan.start, plan.now, 20_000);

  const first = startOfMonth(plan.start);
  const quarters = Math.ceil((plan.now - first) / (91 * DAY)) + 1;
  for (let q = 0; q < quarters; q++) {
    const qs = addMonths(first, q * 3);
    const qe = addMonths(qs, 3) - DAY;
    const d = new Date(qs);
    const label = `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1} ·`;
    add("paid_search", `${label} Paid Search — Brand`, qs, qe, 300_000);
    add("paid_search", `${label} Paid Search — Competitors`, qs, qe, 200_000);
    add("paid_social", `${label} LinkedIn Ads — ${PERSONAS[q % 4]}`, qs, qe, 400_000);
    add("display", `${label} Display Retargeting`, qs, qe, 150_000);
    add("content", `${label} eBook: ${EBOOKS[q % 4]}`, qs, addMonths(qs, 6) - DAY, 100_000);
    add("email", `${label} Nurture — ${PERSONAS[(q + 1) % 4]}`, qs, qe, 30_000);
    add("outbound", `${label} Outbound — ${["SMB", "Mid-Market", "Enterprise"][q % 3]}`, qs, qe, 50_000);
    const partner = partners.list[q % Math.min(5, partners.list.length)];
    add("partner", `${label} Co-marketing — ${partner.name}`, qs, qe, 150_000, partner.id);
    const eventDay = workday(addMonths(qs, 1) + random.int(0, 40) * DAY);
    add("event", `${EVENTS[q % 4]} ${d.getUTCFullYear()}`, eventDay, eventDay + 2 * DAY, 2_500_000);
    for (let m = 0; m < 3; m++) {
      const day = workday(addMonths(qs, m) + random.int(10, 20) * DAY);
      const title = `Webinar: ${TOPICS[(q * 3 + m) % TOPICS.length]} (${isoDate(day).slice(0, 7)})`;
      add("webinar", title, day - 30 * DAY, day, 150_000);
    }
  }

  const byChannel = new Map<Channel, Campaign[]>();
  for (const campaign of list) {
    if (campaign.start > plan.now) continue;
    const same = byChannel.get(campaign.channel);
    if (same) same.push(campaign);
    else byChannel.set(campaign.channel, [campaign]);
  }
  const events = byChannel.get("event") ?? [];
  return {
    list,
    at(channel, at, r) {
      const running = (byChannel.get(channel) ?? []).filter((c) => c.start <= at && at <= c.end + DAY);
      return running.length > 0 ? r.pick(running) : undefined;
    },
    forPartner(partnerId, at) {
      const partnerCampaigns = byChannel.get("partner")!;
      const own = partnerCampaigns.find(
        (c) => c.partnerId === partnerId && c.start <= at && at <= c.end + DAY,
      );
      return own ?? partnerCampaigns[0];
    },
    nearestEvent(at) {
      let best: Campaign | undefined;
      for (const event of events) {
        if (!best || Math.abs(event.start - at) < Math.abs(best.start - at)) best = event;
      }
      return best;
    },
  };
}
