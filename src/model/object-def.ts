import type { FieldDef } from "./fields.ts";

/** The business area an object belongs to; roles are granted read/write per area. */
export type Area =
  | "crm"
  | "pipeline"
  | "marketing"
  | "support"
  | "finance"
  | "partner"
  | "planning"
  | "people";

export interface ObjectDef {
  /** Plural key: table name and (with dashes) API path, e.g. `price_book_entries`. */
  key: string;
  /** Singular name used in events and messages, e.g. `price_book_entry`. */
  singular: string;
  label: string;
  idPrefix: string;
  area: Area;
  /** Field shown as the record's name in lists and links. */
  titleField: string;
  /** Fields searched by `q`. */
  searchFields?: string[];
  fields: Record<string, FieldDef>;
  /** Default list order, e.g. `-created_at`. */
  defaultSort?: string;
  /** Record fields left out of API responses (secrets). */
  hidden?: string[];
  /** A record must have at least one of these fields (a contact needs an email, a name or a phone). */
  requireAnyOf?: string[];
  /** Writes happen only through a dedicated route (users, api keys). */
  noGenericWrite?: boolean;
}

/** Columns every object has, managed by Revline. */
export const SYSTEM_FIELDS = ["id", "version", "created_at", "updated_at"] as const;
/** Provenance columns: settable on create, then fixed. */
export const PROVENANCE_FIELDS = ["source", "external_id"] as const;

export function apiPath(def: ObjectDef): string {
  return def.key.replaceAll("_", "-");
}
