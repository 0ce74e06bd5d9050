import { ApiError, api } from "../api-client.ts";
import type { StageDates } from "./stage-journey.ts";

/** An import as GET /api/imports/:id reports it: progress, counts and state. */
export interface ImportSummary {
  id: string;
  preset: string;
  source: string;
  status: "queued" | "running" | "completed" | "failed" | "canceled";
  file_name: string;
  file_size: number;
  /** How the file is read: a CSV's encoding and delimiter, and the date order. */
  encoding?: string;
  delimiter?: string;
  date_order: DateOrder;
  rows: number;
  bytes_done: number;
  progress: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deferred: number;
  resolved: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface PresetInfo {
  name: string;
  label: string;
  source: string;
  objects: string[];
  columns: Array<{ column: string; field: string; note?: string }>;
  required_columns: string[][];
}

export type DateOrder = "mdy" | "dmy";

export interface DryRunReport {
  preset: string;
  source: string;
  file: {
    encoding?: string;
    delimiter?: string;
    date_order: DateOrder;
    date_order_from: "option" | "file" | "default";
  };
  columns: { mapped: Array<{ column: string; field: string }>; unmapped: string[]; missing: string[] };
  rows: number;
  valid_rows: number;
  rejected_rows: number;
  problems: Array<{ row: number; field?: string; column?: string; message: string }>;
  sample: Array<{
    row: number;
    object: string;
    external_id: string | null;
    fields: Record<string, unknown>;
    references: Record<string, string>;
    stage_dates?: StageDates;
  }>;
}

export interface Rejection {
  row_number: number;
  field: string | null;
  column_name: string | null;
  reason: string;
}

/** The generic preset's column-mapping document (docs/imports.md). */
export interface GenericMapping {
  object: string;
  source?: string;
  key?: string;
  columns: Record<string, string>;
}

export interface UploadRequest {
  file: File;
  preset: string;
  mapping?: GenericMapping;
  /** Unset: the server reads the order from the file's dates (else month first). */
  dateOrder?: DateOrder;
  dryRun?: boolean;
}

/** POST /api/imports as multipart: fields first, the file last (the server reads them in order). */
async function upload<T>(request: UploadRequest): Promise<T> {
  const form = new FormData();
  form.append("preset", request.preset);
  if (request.mapping) form.append("mapping", JSON.stringify(request.mapping));
  if (request.dateOrder) form.append("date_order", request.dateOrder);
  if (request.dryRun) form.append("dry_run", "true");
  form.append("file", request.file, request.file.name);
  const response = await fetch("/api/imports", { method: "POST", body: form, credentials: "same-origin" });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok)
    throw new ApiError(
      response.status,
      json?.error ?? { code: "internal", message: `${response.status} ${response.statusText}` },
    );
  return json as T;
}

export const importsApi = {
  presets: () => api.get<{ data: PresetInfo[] }>("/api/imports/presets").then((r) => r.data),
  list: () => api.get<{ data: ImportSummary[] }>("/api/imports").then((r) => r.data),
  get: (id: string) => api.get<ImportSummary>(`/api/imports/${encodeURIComponent(id)}`),
  rejections: (id: string, limit = 20) =>
    api
      .get<{ data: Rejection[] }>(`/api/imports/${encodeURIComponent(id)}/rejections?limit=${limit}`)
      .then((r) => r.data),
  dryRun: (request: Omit<UploadRequest, "dryRun">) => upload<DryRunReport>({ ...request, dryRun: true }),
  start: (request: Omit<UploadRequest, "dryRun">) => upload<ImportSummary>(request),
};

export const rejectedCsvUrl = (id: string): string => `/api/imports/${encodeURIComponent(id)}/rejected.csv`;

export const isFinished = (status: ImportSummary["status"]): boolean =>
  status === "completed" || status === "failed" || status === "canceled";
