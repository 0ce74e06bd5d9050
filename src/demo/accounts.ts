import { accountProfile } from "./account-profile.ts";
import { activityRows } from "./activities.ts";
import { castContacts } from "./contacts.ts";
import { accountRows, contactRows } from "./crm-rows.ts";
import type { Foundation } from "./foundation.ts";
import { invoiceRows } from "./invoices.ts";
import { pipelineRows } from "./pipeline-rows.ts";
import { createRandom, seedFrom } from "./random.ts";
import type { Tables } from "./rows.ts";
import type { Stats } from "./stats.ts";
import { tellStory } from "./story.ts";
import { subscriptionRows } from "./subscription-rows.ts";
import { ticketRows } from "./support.ts";
import { touchpointRows } from "./touchpoints.ts";

/** What carries over from one account to the next: domains taken, monthly actuals. */
export interface GenerationState {
  domains: Set<string>;
  stats: Stats;
}

/**
 * Every row of accounts number `from` to `to - 1`. Each account draws from its own seeded
 * stream, so an account comes out the same however the work is chunked.
 */
export function generateAccounts(f: Foundation, state: GenerationState, from: number, to: number): Tables {
  const out: Tables = {};
  for (let index = from; index < to; index++) {
    const random = createRandom(seedFrom(f.plan.seed, "account", index));
    const profile = accountProfile(f, random, state.domains, index);
    const story = tellStory(f, random, profile);
    const contacts = castContacts(f, random, story);
    accountRows(random, story, out);
    contactRows(story, contacts, state.stats, out);
    touchpointRows(f, random, story, contacts, out);
    pipelineRows(f, story, contacts, state.stats, out);
    activityRows(f, random, story, contacts, out);
    ticketRows(f, random, story, contacts, out);
    subscriptionRows(f, story, out);
    invoiceRows(f, random, story, out);
  }
  return out;
}
