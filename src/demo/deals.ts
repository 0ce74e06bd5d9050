import type { AccountProfile } from "./account-profile.ts";
import { simulateDeal } from "./deal.ts";
import {
  annualValue,
  contractTerms,
  expandTerms,
  oneTimeValue,
  quoteTerms,
  type Terms,
  upliftTerms,
} from "./deal-terms.ts";
import type { Foundation } from "./foundation.ts";
import type { Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import { mintId } from "./rows.ts";
import type { AccountStory, Deal } from "./story-types.ts";
import { DAY } from "./time.ts";

const STAGE_DAYS: Record<Segment, number> = { smb: 6, mid_market: 14, enterprise: 28 };
const NEW_WIN: Record<Segment, number> = { smb: 0.3, mid_market: 0.26, enterprise: 0.22 };
const ROUND_TO: Record<Segment, number> = { smb: 10_000, mid_market: 100_000, enterprise: 1_000_000 };
/** Days before a yearly term ends that the renewal deal opens. */
export const RENEWAL_LEAD: Record<Segment, number> = { smb: 45, mid_market: 75, enterprise: 100 };

export interface OpenedDeal {
  deal: Deal;
  terms: Terms;
}

const planName = (f: Foundation, terms: Terms) =>
  f.catalog.byId.get(terms.items[0].product_id!)!.name.replace("Acme Cloud ", "");

function open(
  f: Foundation,
  random: Random,
  story: AccountStory,
  kind: Deal["kind"],
  at: number,
  name: string,
  amount: number,
  firstStage: number,
  stageDays: number,
  winProbability: number,
  arr: number,
): Deal {
  const p = story.profile;
  const outcome = simulateDeal(random, {
    openedAt: at,
    firstStage,
    amount,
    stageDays,
    winProbability: Math.min(0.95, Math.max(0.05, winProbability)),
    roundTo: ROUND_TO[p.segment],
    now: f.plan.now,
  });
  const isNew = kind === "new";
  const deal: Deal = {
    id: mintId("opportunities", at),
    key: `${p.key}-o${story.deals.length + 1}`,
    kind,
    name,
    openedAt: at,
    outcome,
    arr,
    owner: p.owner,
    sourceCampaignId: isNew ? (p.campaign?.id ?? null) : null,
    partnerId: isNew ? (p.partner?.id ?? null) : null,
  };
  story.deals.push(deal);
  return deal;
}

export function openNewBusiness(
  f: Foundation,
  random: Random,
  story: AccountStory,
  at: number,
  winBack: boolean,
): OpenedDeal {
  const p: AccountProfile = story.profile;
  const terms = quoteTerms(random, f.catalog, p.segment, p.currency, at);
  const seats = terms.items[0].quantity;
  const name = `${p.name} — ${winBack ? "Win-back, " : ""}${planName(f, terms)}, ${seats} seats`;
  const sourced = p.channel === "outbound" ? 0.85 : p.partner ? 1.2 : 1.1;
  const win = NEW_WIN[p.segment] * p.owner.skill * sourced * (winBack ? 1.8 : 1);
  const firstStage = p.channel === "outbound" ? 0 : random.int(0, 1);
  const amount = annualValue(terms) + oneTimeValue(terms);
  const deal = open(
    f,
    random,
    story,
    "new",
    at,
    name,
    amount,
    firstStage,
    STAGE_DAYS[p.segment],
    win,
    annualValue(terms),
  );
  return { deal, terms };
}

export function openExpansion(
  f: Foundation,
  random: Random,
  story: AccountStory,
  at: number,
  current: Terms,
) {
  const p = story.profile;
  const terms = expandTerms(random, f.catalog, current, at);
  const added = annualValue(terms) - annualValue(current);
  const plan = planName(f, terms);
  const what =
    plan !== planName(f, current)
      ? `Upgrade to ${plan}`
      : terms.items.length > current.items.length
        ? `Add-on: ${f.catalog.byId.get(terms.items[terms.items.length - 1].product_id!)!.name}`
        : `+${terms.items[0].quantity - current.items[0].quantity} seats`;
  const days = STAGE_DAYS[p.segment] * 0.7;
  const deal = open(
    f,
    random,
    story,
    "expansion",
    at,
    `${p.name} — ${what}`,
    added,
    2,
    days,
    0.5 * p.owner.skill,
    added,
  );
  return { deal, terms };
}

/** A renewal: flat, with a price rise, or with a seat change; lost renewals are churn. */
export function openRenewal(
  f: Foundation,
  random: Random,
  story: AccountStory,
  at: number,
  termEnd: number,
  current: Terms,
): OpenedDeal & { reason: string } {
  const p = story.profile;
  const change = random.weighted({ flat: 0.35, uplift: 0.35, expansion: 0.15, contraction: 0.15 });
  const terms =
    change === "uplift"
      ? upliftTerms(current, random.pick([0.03, 0.05, 0.07]))
      : change === "expansion"
        ? expandTerms(random, f.catalog, current, termEnd)
        : change === "contraction"
          ? contractTerms(random, current)
          : current;
  const win = { smb: 0.8, mid_market: 0.86, enterprise: 0.9 }[p.segment];
  const days = Math.max(5, (termEnd - at) / DAY / 2.5);
  const year = new Date(termEnd).getUTCFullYear();
  const value = annualValue(terms);
  const arr = value - annualValue(current);
  const deal = open(f, random, story, "renewal", at, `${p.name} — Renewal ${year}`, value, 3, days, win, arr);
  return { deal, terms, reason: change === "flat" || change === "uplift" ? "renewal" : change };
}
