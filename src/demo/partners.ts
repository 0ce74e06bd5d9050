import type { People } from "./people.ts";
import type { DemoPlan } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { DAY } from "./time.ts";
import { COMPANY_ROOTS, COMPANY_TAILS } from "./words.ts";

export interface Partner {
  id: string;
  name: string;
}

export interface Partners {
  list: Partner[];
  /** A partner for a partner-sourced account: a few partners bring most of the deals. */
  pick(random: Random): Partner;
}

const KINDS = { referral: 0.35, reseller: 0.25, agency: 0.2, technology: 0.15, marketplace: 0.05 };
const TRADES = ["Consulting", "Digital", "Advisors", "Solutions", "Partners", "Integrations", "Group"];

export function buildPartners(plan: DemoPlan, people: People, random: Random, out: Tables): Partners {
  const count = Math.max(4, Math.round(plan.accounts / 40));
  const owners = people.byRole.get("partner_ops")!;
  const list: Partner[] = [];
  const cumulative: number[] = [];
  let total = 0;
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    let base = `${random.pick(COMPANY_ROOTS)}${random.pick(COMPANY_TAILS)}`;
    while (names.has(base))
      base = `${random.pick(COMPANY_ROOTS)}${random.pick(COMPANY_TAILS)}${random.int(2, 99)}`;
    names.add(base);
    const name = `${base} ${random.pick(TRADES)}`;
    const joined = plan.start - random.int(30, 400) * DAY;
    const id = mintId("partners", joined);
    const rank = i / count;
    emit(
      out,
      "partners",
      demoRecord(id, `partner-${String(i + 1).padStart(4, "0")}`, joined, joined, {
        name,
        kind: random.weighted(KINDS),
        tier: rank < 0.15 ? "gold" : rank < 0.5 ? "silver" : "registered",
        status: random.weighted({ active: 0.85, inactive: 0.1, prospect: 0.05 }),
        domain: `${base.toLowerCase()}-partners.example`,
        owner_id: owners[i % owners.length].id,
      }),
    );
    list.push({ id, name });
    total += 1 / (i + 1) ** 0.8;
    cumulative.push(total);
  }
  return {
    list,
    pick(r) {
      const roll = r.float() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (cumulative[mid] > roll) high = mid;
        else low = mid + 1;
      }
      return list[low];
    },
  };
}
