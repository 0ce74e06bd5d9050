import { ApiError } from "../api-client.ts";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="status" role="status">
      {label}
    </p>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  const message =
    error instanceof ApiError
      ? error.status === 403
        ? "Your role does not give access to this."
        : error.message
      : "Something went wrong. Try again.";
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}
