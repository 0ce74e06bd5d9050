import type { LifecycleStage } from "../../model/lifecycle.ts";

/** Label or internal value (as a slug) → unified value. Keys are `slug()`ed source values. */
export const HUBSPOT_LIFECYCLE: Record<string, LifecycleStage> = {
  subscriber: "subscriber",
  lead: "lead",
  marketing_qualified_lead: "mql",
  marketingqualifiedlead: "mql",
  mql: "mql",
  sales_qualified_lead: "sql",
  salesqualifiedlead: "sql",
  sql: "sql",
  opportunity: "opportunity",
  customer: "customer",
  evangelist: "evangelist",
  other: "other",
};

/** Canonical pipeline stages of Revline: prospecting → qualification → discovery → proposal → negotiation → closed_won / closed_lost. */
export const HUBSPOT_DEAL_STAGES: Record<string, string> = {
  appointment_scheduled: "prospecting",
  appointmentscheduled: "prospecting",
  qualified_to_buy: "qualification",
  qualifiedtobuy: "qualification",
  presentation_scheduled: "discovery",
  presentationscheduled: "discovery",
  decision_maker_bought_in: "proposal",
  decisionmakerboughtin: "proposal",
  contract_sent: "negotiation",
  contractsent: "negotiation",
  closed_won: "closed_won",
  closedwon: "closed_won",
  closed_lost: "closed_lost",
  closedlost: "closed_lost",
};

export const SALESFORCE_STAGES: Record<string, string> = {
  prospecting: "prospecting",
  qualification: "qualification",
  needs_analysis: "discovery",
  value_proposition: "discovery",
  id_decision_makers: "discovery",
  perception_analysis: "proposal",
  proposal_price_quote: "proposal",
  negotiation_review: "negotiation",
  closed_won: "closed_won",
  closed_lost: "closed_lost",
};

export const FORECAST_CATEGORIES: Record<string, string> = {
  pipeline: "pipeline",
  best_case: "best_case",
  bestcase: "best_case",
  commit: "commit",
  closed: "closed",
  closed_won: "closed",
  omitted: "omitted",
  not_forecasted: "omitted",
};

export const HUBSPOT_DEAL_TYPES: Record<string, "new" | "expansion" | "renewal"> = {
  new_business: "new",
  newbusiness: "new",
  existing_business: "expansion",
  existingbusiness: "expansion",
  renewal: "renewal",
};

export const SALESFORCE_OPPORTUNITY_TYPES: Record<string, "new" | "expansion" | "renewal"> = {
  new_business: "new",
  new_customer: "new",
  existing_business: "expansion",
  existing_customer_upgrade: "expansion",
  existing_customer_replacement: "expansion",
  existing_customer_downgrade: "expansion",
  renewal: "renewal",
};

/** Salesforce lead status → lifecycle stage (standard picklist). */
export const SALESFORCE_LEAD_STATUS: Record<string, LifecycleStage> = {
  open_not_contacted: "lead",
  working_contacted: "lead",
  open: "lead",
  working: "lead",
  nurturing: "lead",
  qualified: "sql",
  marketing_qualified: "mql",
  closed_converted: "sql",
  converted: "sql",
  closed_not_converted: "other",
  unqualified: "other",
};

export const STRIPE_SUBSCRIPTION_STATUS: Record<string, string> = {
  active: "active",
  trialing: "trialing",
  past_due: "past_due",
  paused: "paused",
  canceled: "canceled",
  cancelled: "canceled",
  incomplete: "incomplete",
  incomplete_expired: "incomplete",
  unpaid: "unpaid",
};

export const STRIPE_INTERVALS: Record<string, string> = {
  week: "week",
  weekly: "week",
  month: "month",
  monthly: "month",
  quarter: "quarter",
  year: "year",
  yearly: "year",
  annual: "year",
};

export const STRIPE_INVOICE_STATUS: Record<string, string> = {
  draft: "draft",
  open: "open",
  paid: "paid",
  void: "void",
  uncollectible: "uncollectible",
};

/** Stripe's dashboard shows charge statuses as Paid / Refunded / Failed; the API as succeeded / failed. */
export const STRIPE_PAYMENT_STATUS: Record<string, string> = {
  paid: "succeeded",
  succeeded: "succeeded",
  refunded: "succeeded",
  partially_refunded: "succeeded",
  disputed: "succeeded",
  failed: "failed",
  pending: "pending",
  uncaptured: "pending",
  canceled: "canceled",
};

export const STRIPE_REFUND_STATUS: Record<string, string> = {
  succeeded: "succeeded",
  pending: "pending",
  failed: "failed",
  canceled: "canceled",
  requires_action: "pending",
};

export const ZENDESK_STATUS: Record<string, string> = {
  new: "new",
  open: "open",
  pending: "pending",
  hold: "on_hold",
  on_hold: "on_hold",
  solved: "solved",
  closed: "closed",
};

export const ZENDESK_PRIORITY: Record<string, string> = {
  low: "low",
  normal: "normal",
  high: "high",
  urgent: "urgent",
};

export const ZENDESK_SATISFACTION: Record<string, string> = {
  good: "good",
  good_i_m_satisfied: "good",
  bad: "bad",
  bad_i_m_unsatisfied: "bad",
  offered: "offered",
  unoffered: "unoffered",
  not_offered: "unoffered",
};

/** Employees → segment, when an export has no segment of its own. */
export function segmentOf(employees: unknown): "smb" | "mid_market" | "enterprise" | undefined {
  if (typeof employees !== "number") return undefined;
  return employees < 200 ? "smb" : employees < 1000 ? "mid_market" : "enterprise";
}
