import type { ErrorCode } from "../errors/app-error.ts";

/** The one place where error codes become HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  unknown_field: 422,
  bad_request: 400,
  not_found: 404,
  reference_not_found: 422,
  version_required: 428,
  version_conflict: 409,
  duplicate: 409,
  has_dependents: 409,
  unauthenticated: 401,
  forbidden: 403,
  idempotency_conflict: 422,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};
