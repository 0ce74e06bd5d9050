import type { ContactPlan } from "./contacts.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { Stats } from "./stats.ts";
import type { AccountStory, StageEvent } from "./story-types.ts";
import { iso } from "./time.ts";

/**
 * Every lifecycle move as a transition row, as the write hook records it: the first at the
 * record's creation with no from-stage, each later one from the stage before.
 */
function transitions(
  out: Tables,
  subjectType: "account" | "contact",
  id: string,
  key: string,
  stages: StageEvent[],
) {
  stages.forEach((s, i) => {
    emit(
      out,
      "lifecycle_transitions",
      demoRecord(mintId("lifecycle_transitions", s.at), `${key}-lc${i + 1}`, s.at, s.at, {
        subject_type: subjectType,
        subject_id: id,
        from_stage: i === 0 ? null : stages[i - 1].stage,
        to_stage: s.stage,
        transitioned_at: iso(s.at),
      }),
    );
  });
}

export function accountRows(random: Random, story: AccountStory, out: Tables): void {
  const p = story.profile;
  const last = story.stages[story.stages.length - 1];
  emit(out, "accounts", {
    ...demoRecord(p.id, p.key, p.createdAt, last.at, {
      name: p.name,
      domain: p.domain,
      website: `https://www.${p.domain}`,
      industry: p.industry,
      segment: p.segment,
      region: p.region,
      country: p.country.code,
      employees: p.employees,
      annual_revenue_minor: Math.round((p.employees * random.between(80_000, 300_000)) / 1000) * 100_000,
      currency: p.currency,
      lifecycle_stage: last.stage,
      owner_id: p.owner.id,
      partner_id: p.partner?.id ?? null,
    }),
    version: story.stages.length,
  });
  transitions(out, "account", p.id, p.key, story.stages);
}

export function contactRows(story: AccountStory, contacts: ContactPlan[], stats: Stats, out: Tables): void {
  const p = story.profile;
  for (const c of contacts) {
    const last = c.stages[c.stages.length - 1];
    emit(out, "contacts", {
      ...demoRecord(c.id, c.key, c.createdAt, last.at, {
        account_id: p.id,
        first_name: c.firstName,
        last_name: c.lastName,
        email: c.email,
        phone: c.phone,
        title: c.title,
        country: p.country.code,
        timezone: p.zone,
        lifecycle_stage: last.stage,
        lead_source: c.leadSource,
        original_campaign_id: c.campaign?.id ?? null,
        owner_id: p.owner.id,
      }),
      version: c.stages.length,
    });
    transitions(out, "contact", c.id, c.key, c.stages);
    for (const s of c.stages) if (s.stage === "mql") stats.add("mqls", "all", s.at, 1);
  }
}
