import type { ApiRecord } from "../api-client.ts";

export type DedupeObject = "contacts" | "accounts";

export interface FieldEvidence {
  field: string;
  left: string | null;
  right: string | null;
  level: string;
  m: number | null;
  u: number | null;
  weight: number;
}

export interface ClusterPair {
  id: string;
  left_id: string;
  right_id: string;
  probability: number;
  not_duplicate: boolean;
  explanation: { fields: FieldEvidence[]; weight: number; probability: number };
}

export interface Cluster {
  id: string;
  object: DedupeObject;
  status: "open" | "merged" | "dismissed";
  record_ids: string[];
  max_probability: number;
  merge_id: string | null;
  records: ApiRecord[];
  missing_ids: string[];
  differing_fields: string[];
  pairs: ClusterPair[];
}

export interface ClusterPage {
  data: Cluster[];
  total: number;
}

export interface DedupeRun {
  id: string;
  object: string;
  status: "running" | "done" | "failed";
  stage: string;
  rows_total: number;
  rows_done: number;
  comparisons: number;
  pairs: number;
  clusters: number;
  auto_merged: number;
  queued: number;
  stats: { warning?: string | null };
  error: string | null;
}

export interface MergeSummary {
  id: string;
  survivor_id: string;
  merged_ids: string[];
  merged: Array<{ id: string; title: string | null }>;
  status: "merged" | "undone";
  automatic: boolean;
  merged_at: string;
}

/** A lead (contact without an account) whose email domain names an account, from the latest leads run. */
export interface LeadMatch {
  id: string;
  contact_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  account_id: string;
  account_name: string;
  explanation: { domain?: string };
}
