/**
 * The one error type of Revline. `code` is stable (clients branch on it), `message` is for
 * people, `field` names the offending input when there is one. HTTP statuses are mapped from
 * codes in exactly one place: src/api/error-status.ts.
 */
export type ErrorCode =
  | "validation_failed"
  | "unknown_field"
  | "bad_request"
  | "not_found"
  | "reference_not_found"
  | "version_required"
  | "version_conflict"
  | "duplicate"
  | "has_dependents"
  | "unauthenticated"
  | "forbidden"
  | "idempotency_conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export interface ErrorDetail {
  field?: string;
  row?: number;
  code?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: ErrorDetail[];
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      field?: string;
      details?: ErrorDetail[];
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.details = options.details;
    this.extra = options.extra;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError("not_found", `No ${what} with id ${id} in this workspace`, { field: "id" });
