import type { LifecycleStage } from "../model/lifecycle.ts";
import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import type { AccountProfile } from "./account-profile.ts";
import type { DealOutcome } from "./deal.ts";
import type { Terms } from "./deal-terms.ts";
import type { Person } from "./people.ts";

/** One lifecycle move of the account (its champion contact moves with it). */
export interface StageEvent {
  stage: LifecycleStage;
  at: number;
}

export interface Deal {
  id: string;
  key: string;
  kind: "new" | "expansion" | "renewal";
  name: string;
  openedAt: number;
  outcome: DealOutcome;
  /** Change in annual recurring revenue if won (new: all of it; renewal: the difference). */
  arr: number;
  owner: Person;
  sourceCampaignId: string | null;
  partnerId: string | null;
}

export interface SubscriptionVersion {
  at: number;
  status: "trialing" | "active" | "canceled";
  items: SubscriptionItem[];
  reason: string;
}

export interface SubscriptionStory {
  id: string;
  key: string;
  dealId: string;
  terms: Terms;
  startedAt: number;
  trial: [start: number, end: number] | null;
  /** First day billed: the trial's end, or the start. */
  billingStart: number;
  /** Every change up to now; the last is the subscription's current state. */
  versions: SubscriptionVersion[];
  /** When the customer asked to cancel. */
  canceledAt: number | null;
  /** When service stops (may lie after now: a scheduled cancellation). */
  endsAt: number | null;
}

/** Everything that happened to one account, in story time; rows are written from this. */
export interface AccountStory {
  profile: AccountProfile;
  stages: StageEvent[];
  deals: Deal[];
  subscriptions: SubscriptionStory[];
  /** Periods as a paying customer: [won, ended or now]. */
  customerSpans: Array<[number, number]>;
}
