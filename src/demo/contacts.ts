import { parsePhoneNumberWithError } from "libphonenumber-js";
import type { LifecycleStage } from "../model/lifecycle.ts";
import type { Campaign, Channel } from "./campaigns.ts";
import type { Foundation } from "./foundation.ts";
import { emailPart } from "./people.ts";
import type { Random } from "./random.ts";
import { mintId } from "./rows.ts";
import type { AccountStory, StageEvent } from "./story-types.ts";
import { DAY, HOUR } from "./time.ts";
import { BUYER_TITLES, FIRST_NAMES, LAST_NAMES } from "./words.ts";

export interface ContactPlan {
  id: string;
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  title: string;
  createdAt: number;
  champion: boolean;
  stages: StageEvent[];
  leadSource: string;
  campaign: Campaign | undefined;
  /** Local hour at which the contact most often picks up the phone. */
  bestHour: number;
}

const COUNT = { smb: [2, 3], mid_market: [3, 5], enterprise: [4, 6] } as const;
const SOURCE: Record<Channel, string> = {
  paid_search: "Paid Search",
  paid_social: "Paid Social",
  display: "Display",
  email: "Email",
  webinar: "Webinar",
  event: "Event",
  content: "Content",
  seo: "Organic Search",
  partner: "Partner",
  referral: "Referral",
  outbound: "Outbound",
  direct: "Direct",
};
const PATTERNS = ["first.last", "first.last", "first.last", "flast", "first"] as const;

function phoneNumber(random: Random, template: string): string {
  const e164 = template.replace(/#/g, () => String(random.int(0, 9)));
  // A few are typed the local way, as people do ("020 7946 0123", "(415) 555-0123"): a job for
  // the data-quality checks, which bring them back to E.164 from the contact's country.
  return random.chance(0.05) ? parsePhoneNumberWithError(e164).formatNational() : e164;
}

/** The people at an account: the champion lives the account's journey; colleagues join along the way. */
export function castContacts(f: Foundation, random: Random, story: AccountStory): ContactPlan[] {
  const p = story.profile;
  const { now } = f.plan;
  const [min, max] = COUNT[p.segment];
  const pattern = random.pick(PATTERNS);
  const firstOpp = story.stages.find((s) => s.stage === "opportunity")?.at;
  const used = new Set<string>();
  const contacts: ContactPlan[] = [];
  const count = random.int(min, max);
  for (let i = 0; i < count; i++) {
    const champion = i === 0;
    const committee = !champion && firstOpp !== undefined && random.chance(0.6);
    const createdAt = champion
      ? p.createdAt
      : committee
        ? Math.max(p.createdAt + HOUR, firstOpp! + random.between(-5, 20) * DAY)
        : random.between(p.createdAt + HOUR, now);
    if (createdAt > now) continue;
    const firstName = random.pick(FIRST_NAMES[p.region]);
    const lastName = random.pick(LAST_NAMES[p.region]);
    const first = emailPart(firstName);
    const last = emailPart(lastName);
    let local =
      pattern === "first.last" ? `${first}.${last}` : pattern === "flast" ? `${first[0]}${last}` : first;
    for (let n = 2; used.has(local); n++) local = `${first}.${last}${n}`;
    used.add(local);
    const channel = champion
      ? p.channel
      : committee
        ? null
        : random.pick(["seo", "webinar", "content", "email"] as const);
    const campaign = champion ? p.campaign : channel ? f.campaigns.at(channel, createdAt, random) : undefined;
    contacts.push({
      id: mintId("contacts", createdAt),
      key: `${p.key}-c${i + 1}`,
      firstName,
      lastName,
      email: `${local}@${p.domain}`,
      phone: random.chance(0.7) ? phoneNumber(random, random.pick(p.country.phones)) : null,
      title: champion ? random.pick(BUYER_TITLES.slice(0, 8)) : random.pick(BUYER_TITLES),
      createdAt,
      champion,
      stages: champion ? story.stages : colleagueStages(random, story, createdAt, now),
      leadSource: channel ? SOURCE[channel] : "Sales",
      campaign,
      bestHour: random.pick([9, 10, 11, 14, 15, 16]),
    });
  }
  const champion = contacts[0];
  // Numbered after every planned contact (skipped ones included), so its key is never taken.
  const twiceAt = champion ? champion.createdAt + random.between(30, 700) * DAY : Infinity;
  if (random.chance(0.04) && twiceAt <= now)
    contacts.push(twice(f, random, story, champion, twiceAt, count + 1));
  return contacts;
}

/**
 * The same person arriving a second time, from an event list or with a personal address:
 * what the deduplication review queue is for.
 */
function twice(
  f: Foundation,
  random: Random,
  story: AccountStory,
  c: ContactPlan,
  at: number,
  n: number,
): ContactPlan {
  const [first, last] = [emailPart(c.firstName), emailPart(c.lastName)];
  const domain = story.profile.domain;
  const candidates = [
    `${first[0]}.${last}@${domain}`,
    `${first}.${last}@mail.example`,
    `${first}${last}@${domain}`,
  ];
  return {
    ...c,
    id: mintId("contacts", at),
    key: `${story.profile.key}-c${n}`,
    email: random.pick(candidates.filter((e) => e !== c.email)),
    phone: c.phone && random.chance(0.5) ? c.phone.replace(/^\+1/, "") : null,
    createdAt: at,
    champion: false,
    stages: colleagueStages(random, story, at, f.plan.now),
    leadSource: "List import",
    campaign: undefined,
  };
}

const DOWNSTREAM = new Set<LifecycleStage>(["customer", "evangelist"]);

/** A colleague follows the account into customer and churned, and sometimes becomes an MQL alone. */
function colleagueStages(random: Random, story: AccountStory, createdAt: number, now: number): StageEvent[] {
  let accountStage: LifecycleStage = "lead";
  for (const s of story.stages) if (s.at <= createdAt) accountStage = s.stage;
  const first: LifecycleStage = DOWNSTREAM.has(accountStage)
    ? "customer"
    : accountStage !== "churned" && random.chance(0.3)
      ? "subscriber"
      : "lead";
  const stages: StageEvent[] = [{ stage: first, at: createdAt }];
  const push = (stage: LifecycleStage, at: number) => {
    const last = stages[stages.length - 1];
    if (last.stage !== stage && at > last.at) stages.push({ stage, at });
  };
  if (first !== "customer" && random.chance(0.3)) {
    const mqlAt = createdAt + random.exp(20) * DAY;
    const nextWin = story.stages.find((s) => s.at > createdAt && s.stage === "customer")?.at ?? Infinity;
    if (mqlAt < nextWin && mqlAt <= now) push("mql", mqlAt);
  }
  for (const s of story.stages) {
    if (s.at <= createdAt) continue;
    const current = stages[stages.length - 1].stage;
    if (s.stage === "customer") push("customer", s.at);
    else if (s.stage === "churned" && DOWNSTREAM.has(current)) push("churned", s.at);
  }
  return stages;
}
