import { registrableDomain } from "./domain.ts";
import { phoneOnWrite } from "./phone.ts";

type Row = Record<string, any>;

const written = (row: Row, before: Row | null, field: string) =>
  row[field] != null && row[field] !== "" && (before === null || row[field] !== before[field]);

/**
 * Normalisation every write applies (API, bulk upsert, import), only to values being written
 * so an edit of another field never rewrites them: a contact's phone to E.164.
 */
export function normaliseContact(row: Row, before: Row | null): void {
  if (written(row, before, "phone")) row.phone = phoneOnWrite(String(row.phone), row.country);
}

/**
 * An account's domain becomes its registrable domain ("www.Acme.com" → "acme.com"); a new or
 * changed website fills an empty domain. A value that is no domain at all is kept as typed.
 */
export function normaliseAccount(row: Row, before: Row | null): void {
  if (written(row, before, "domain")) {
    row.domain = registrableDomain(String(row.domain)) ?? row.domain;
  } else if ((row.domain == null || row.domain === "") && written(row, before, "website")) {
    row.domain = registrableDomain(String(row.website)) ?? row.domain ?? null;
  }
}
