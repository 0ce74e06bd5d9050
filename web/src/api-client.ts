/** The shape of every error the Revline API returns. */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Array<{ field?: string; message: string }>;
  current_version?: number;
  current?: ApiRecord;
}

export type ApiRecord = Record<string, unknown> & { id: string; version?: number };

export interface ListPage {
  data: ApiRecord[];
  next_cursor: string | null;
  total?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  /** Messages per input field, without the `field: ` prefix the API puts in front. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const strip = (field: string, message: string) =>
      message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    for (const d of this.body.details ?? []) {
      if (d.field && !out[d.field]) out[d.field] = strip(d.field, d.message);
    }
    if (this.body.field && !out[this.body.field]) out[this.body.field] = strip(this.body.field, this.message);
    return out;
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = json?.error ?? { code: "internal", message: `${response.status} ${response.statusText}` };
    throw new ApiError(response.status, error);
  }
  return json as T;
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url),
  post: <T>(url: string, body?: unknown) => request<T>("POST", url, body ?? {}),
  patch: <T>(url: string, body: unknown) => request<T>("PATCH", url, body),
  delete: (url: string) => request<void>("DELETE", url),
};

/** `/api/<path>?…` from a path and query parameters, dropping empty values. */
export function listUrl(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return `/api/${path}${query ? `?${query}` : ""}`;
}

export const isUnauthenticated = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 401;
