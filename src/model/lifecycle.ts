/** The lifecycle of a contact or an account, in journey order; `other` sits outside it. */
export const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "mql",
  "sql",
  "opportunity",
  "customer",
  "evangelist",
  "churned",
  "other",
] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
