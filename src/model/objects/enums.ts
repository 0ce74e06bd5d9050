/** Value lists shared by objects, the demo generator and importers. */
export const TEAM_KINDS = ["marketing", "sales", "customer_success", "finance", "partner", "revops"] as const;
export const SEGMENTS = ["smb", "mid_market", "enterprise"] as const;
export const CHANNELS = [
  "paid_search",
  "paid_social",
  "display",
  "email",
  "webinar",
  "event",
  "content",
  "seo",
  "partner",
  "referral",
  "outbound",
  "direct",
  "other",
] as const;
export const TOUCHPOINT_KINDS = [
  "web_visit",
  "form_fill",
  "webinar_registration",
  "webinar_attendance",
  "email_open",
  "email_click",
  "ad_click",
  "event",
  "content_download",
  "chat",
] as const;
export const OPPORTUNITY_TYPES = ["new", "expansion", "renewal"] as const;
export const OPPORTUNITY_STATUSES = ["open", "won", "lost"] as const;
export const FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export const ACTIVITY_KINDS = ["email", "call", "meeting", "note", "task"] as const;
export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const BILLING_INTERVALS = ["week", "month", "quarter", "year"] as const;
export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "paused",
  "canceled",
  "incomplete",
  "unpaid",
] as const;
export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export const PAYMENT_STATUSES = ["succeeded", "failed", "pending", "canceled"] as const;
export const REFUND_STATUSES = ["succeeded", "pending", "failed", "canceled"] as const;
export const PARTNER_KINDS = ["reseller", "referral", "technology", "agency", "marketplace"] as const;
export const COST_CATEGORIES = [
  "campaign",
  "marketing_salaries",
  "marketing_tools",
  "sales_salaries",
  "sales_tools",
  "sales_commissions",
  "partner_fees",
  "other",
] as const;
export const ROLES = [
  "admin",
  "revops_manager",
  "revenue_analyst",
  "sales_ops",
  "marketing_ops",
  "cs_ops",
  "finance",
  "partner_ops",
  "sales_rep",
  "viewer",
] as const;
export type Role = (typeof ROLES)[number];
