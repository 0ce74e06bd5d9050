/**
 * Stable page URLs: `/<object path>` for a list (the grid), `/<object path>/<id>` for a record.
 * An account's record URL is its 360 page; its plain record page is `/accounts/<id>/details`.
 */
export const listPath = (path: string, params?: Record<string, string>): string => {
  const query = params ? new URLSearchParams(params).toString() : "";
  return `/${path}${query ? `?${query}` : ""}`;
};

export const recordPath = (path: string, id: string): string => `/${path}/${encodeURIComponent(id)}`;

export const detailsPath = (path: string, id: string): string =>
  path === "accounts" ? `/accounts/${encodeURIComponent(id)}/details` : recordPath(path, id);
