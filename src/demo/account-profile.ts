import type { Campaign, Channel } from "./campaigns.ts";
import type { Currency } from "./catalog.ts";
import type { Foundation } from "./foundation.ts";
import type { Partner } from "./partners.ts";
import { ownerFor, type Person } from "./people.ts";
import { accountBirth, type Region, type Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import { mintId } from "./rows.ts";
import { DAY } from "./time.ts";
import { COMPANY_KINDS, COMPANY_ROOTS, COMPANY_TAILS, COUNTRIES, type Country, INDUSTRIES } from "./words.ts";

/** Who an account is and how it first found the company. */
export interface AccountProfile {
  index: number;
  key: string;
  id: string;
  name: string;
  domain: string;
  segment: Segment;
  region: Region;
  country: Country;
  zone: string;
  /** Hours from UTC where the account works. */
  offset: number;
  currency: Currency;
  industry: string;
  employees: number;
  createdAt: number;
  owner: Person;
  csm: Person;
  partner: Partner | null;
  channel: Channel;
  campaign: Campaign | undefined;
  /** Started as a newsletter or content subscriber rather than a lead. */
  subscriber: boolean;
}

const CHANNELS: Partial<Record<Channel, number>> = {
  paid_search: 0.2,
  paid_social: 0.1,
  display: 0.03,
  content: 0.1,
  webinar: 0.12,
  event: 0.06,
  seo: 0.15,
  referral: 0.05,
  outbound: 0.14,
  direct: 0.05,
};
const EMPLOYEES: Record<Segment, [number, number]> = {
  smb: [10, 200],
  mid_market: [200, 2000],
  enterprise: [2000, 50000],
};

function uniqueDomain(random: Random, domains: Set<string>, root: string, kind: string): string {
  const plain = root.toLowerCase();
  const long = `${plain}-${kind.toLowerCase()}`;
  for (const candidate of random.chance(0.5) ? [plain, long] : [long, plain]) {
    if (!domains.has(candidate)) {
      domains.add(candidate);
      return `${candidate}.example`;
    }
  }
  let n = 2;
  while (domains.has(`${long}${n}`)) n++;
  domains.add(`${long}${n}`);
  return `${long}${n}.example`;
}

export function accountProfile(
  f: Foundation,
  random: Random,
  domains: Set<string>,
  index: number,
): AccountProfile {
  const { plan, people, campaigns } = f;
  const segment = random.weighted({ smb: 0.6, mid_market: 0.3, enterprise: 0.1 });
  const region = random.weighted({ NA: 0.5, EMEA: 0.3, APAC: 0.12, LATAM: 0.08 });
  const countries = COUNTRIES[region];
  const country =
    countries[Number(random.weighted(Object.fromEntries(countries.map(([, w], i) => [i, w]))))][0];
  const [zone, offset] = random.pick(country.zones);
  const root = `${random.pick(COMPANY_ROOTS)}${random.pick(COMPANY_TAILS)}`;
  const kind = random.pick(COMPANY_KINDS);
  const [low, high] = EMPLOYEES[segment];
  const employees = Math.round(Math.exp(random.between(Math.log(low), Math.log(high))));
  const partner = random.chance(region === "NA" ? 0.1 : 0.18) ? f.partners.pick(random) : null;
  const channel: Channel = partner ? "partner" : random.weighted(CHANNELS as Record<Channel, number>);

  let createdAt = accountBirth(plan, random.float());
  if (channel === "event") {
    const event = campaigns.nearestEvent(createdAt);
    if (event && event.start <= plan.now) createdAt = event.start + random.int(0, 2) * DAY;
  }
  createdAt =
    Math.floor(Math.min(createdAt + random.int(8, 18) * 3_600_000, plan.now - 3_600_000) / 1000) * 1000;
  const campaign = partner
    ? campaigns.forPartner(partner.id, createdAt)
    : campaigns.at(channel, createdAt, random);

  return {
    index,
    key: `acct-${String(index + 1).padStart(6, "0")}`,
    id: mintId("accounts", createdAt),
    name: `${root} ${kind}`,
    domain: uniqueDomain(random, domains, root, kind),
    segment,
    region,
    country,
    zone,
    offset,
    currency: country.currency,
    industry: random.pick(INDUSTRIES),
    employees,
    createdAt,
    owner: ownerFor(people, segment, region, random),
    csm: random.pick(people.byRole.get("cs_ops")!),
    partner,
    channel,
    campaign,
    subscriber: ["content", "seo", "webinar", "direct"].includes(channel) && random.chance(0.5),
  };
}
