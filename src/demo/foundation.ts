import { buildCampaigns, type Campaigns } from "./campaigns.ts";
import { buildCatalog, type Catalog } from "./catalog.ts";
import { teamCosts } from "./costs.ts";
import { buildFx, type ToUsd } from "./fx.ts";
import { buildPartners, type Partners } from "./partners.ts";
import { buildPeople, type People } from "./people.ts";
import type { DemoPlan } from "./plan.ts";
import { createRandom, seedFrom } from "./random.ts";
import type { Tables } from "./rows.ts";

/** What every account's story draws on: the company's people, partners, price list and campaigns. */
export interface Foundation {
  plan: DemoPlan;
  people: People;
  partners: Partners;
  catalog: Catalog;
  campaigns: Campaigns;
  toUsd: ToUsd;
}

/** Builds the company-wide records; each area draws from its own stream so areas stay independent. */
export function buildFoundation(
  plan: DemoPlan,
  reservedEmails: Set<string> = new Set(),
): { foundation: Foundation; tables: Tables } {
  const tables: Tables = {};
  const stream = (area: string) => createRandom(seedFrom(plan.seed, area));
  const people = buildPeople(plan, stream("people"), reservedEmails, tables);
  const partners = buildPartners(plan, people, stream("partners"), tables);
  const catalog = buildCatalog(plan, tables);
  const campaigns = buildCampaigns(plan, people, partners, stream("campaigns"), tables);
  teamCosts(plan, stream("costs"), tables);
  const toUsd = buildFx(plan, stream("fx"), tables);
  return { foundation: { plan, people, partners, catalog, campaigns, toUsd }, tables };
}
