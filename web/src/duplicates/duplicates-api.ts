import { api, listUrl } from "../api-client.ts";
import type { ClusterPage, DedupeObject, DedupeRun, LeadMatch, MergeSummary } from "./duplicates.types.ts";

export const duplicatesApi = {
  clusters: (object: DedupeObject) =>
    api.get<ClusterPage>(listUrl("dedupe/clusters", { object, limit: 100 })),
  startRun: (object: DedupeObject | "leads") => api.post<DedupeRun>("/api/dedupe/runs", { object }),
  run: (id: string) => api.get<DedupeRun>(`/api/dedupe/runs/${encodeURIComponent(id)}`),
  merge: (
    clusterId: string,
    body: { survivor_id: string; fields: Record<string, string>; versions: Record<string, number> },
  ) =>
    api.post<{
      merge_id: string;
      merged_ids: string[];
      field_choices: Array<{ field: string; record_id: string; rule: string }>;
    }>(`/api/dedupe/clusters/${encodeURIComponent(clusterId)}/merge`, body),
  notDuplicate: (pairId: string) => api.post(`/api/dedupe/pairs/${encodeURIComponent(pairId)}/not-duplicate`),
  merges: (object: DedupeObject) =>
    api.get<{ data: MergeSummary[] }>(listUrl("merges", { object, limit: 10 })),
  undo: (mergeId: string) => api.post(`/api/merges/${encodeURIComponent(mergeId)}/undo`),
  leadMatches: () => api.get<{ data: LeadMatch[] }>(listUrl("dedupe/lead-matches", { limit: 500 })),
  linkLead: (contactId: string, accountId: string) =>
    api.post(`/api/dedupe/lead-matches/${encodeURIComponent(contactId)}/link`, { account_id: accountId }),
  linkLeads: (links: Array<{ contact_id: string; account_id: string }>) =>
    api.post<{ data: unknown[] }>("/api/dedupe/lead-matches/link", { links }),
};
