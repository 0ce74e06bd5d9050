/** What /api/accounts/:id/summary and /timeline answer (src/views). */
export interface Amount {
  currency: string;
  amount_minor: number;
  count?: number;
}

export interface AccountSummary {
  id: string;
  name: string;
  lifecycle_stage: string | null;
  arr: Amount[] | null;
  open_pipeline: Amount[] | null;
  last_touch: { at: string; kind: string; team: string } | null;
  health: {
    score: number;
    grade: "healthy" | "watch" | "at_risk";
    reasons: Array<{ points: number; reason: string }>;
  };
  journey: Array<{ from_stage: string | null; stage: string; at: string }>;
}

export const TEAMS = [
  "marketing",
  "sales",
  "communication",
  "support",
  "finance",
  "partner",
  "lifecycle",
] as const;
export type Team = (typeof TEAMS)[number];

export interface TimelineEvent {
  id: string;
  at: string;
  team: Team;
  kind: string;
  title: string;
  detail: string | null;
  object: string;
  record_id: string;
  amount_minor: number | null;
  currency: string | null;
}

export interface TimelinePage {
  data: TimelineEvent[];
  next_cursor: string | null;
  counts: Record<Team, number>;
}

export const TEAM_LABELS: Record<Team, string> = {
  marketing: "Marketing",
  sales: "Sales",
  communication: "Communication",
  support: "Support",
  finance: "Finance",
  partner: "Partners",
  lifecycle: "Lifecycle",
};
