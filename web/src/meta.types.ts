// Field kinds are the server's own (src/model/fields.ts); a type-only import, erased at build.
import type { FieldKind } from "../../src/model/fields.ts";

export type { FieldKind };

export interface FieldMeta {
  name: string;
  kind: FieldKind;
  required: boolean;
  readOnly: boolean;
  immutable: boolean;
  values?: string[];
  /** Key of the referenced object, e.g. `accounts`. */
  ref?: string;
  description?: string;
}

export interface ObjectMeta {
  key: string;
  path: string;
  label: string;
  singular: string;
  area: string;
  titleField: string;
  searchFields: string[];
  defaultSort: string;
  writable: boolean;
  fields: FieldMeta[];
  related: Array<{ object: string; path: string; field: string }>;
}

export interface Me {
  actor: { type: string; id: string | null; role: string };
  user: { id: string; name?: string; email?: string } | null;
  workspace: { name: string; timezone: string; reporting_currency: string };
  permissions: Record<string, "read" | "write">;
}

/** Columns every record has, managed by Revline; shown read-only. */
export const SYSTEM_FIELDS: FieldMeta[] = [
  { name: "id", kind: "text", required: false, readOnly: true, immutable: true },
  { name: "version", kind: "integer", required: false, readOnly: true, immutable: true },
  { name: "source", kind: "text", required: false, readOnly: false, immutable: true },
  { name: "external_id", kind: "text", required: false, readOnly: false, immutable: true },
  { name: "created_at", kind: "timestamp", required: false, readOnly: true, immutable: true },
  { name: "updated_at", kind: "timestamp", required: false, readOnly: true, immutable: true },
];

export const AREAS: Array<{ key: string; label: string }> = [
  { key: "crm", label: "CRM" },
  { key: "pipeline", label: "Pipeline" },
  { key: "marketing", label: "Marketing" },
  { key: "support", label: "Support" },
  { key: "finance", label: "Finance" },
  { key: "partner", label: "Partners" },
  { key: "planning", label: "Planning" },
  { key: "people", label: "People" },
];

const ACRONYMS: Record<string, string> = { mql: "MQL", sql: "SQL", smb: "SMB", utm: "UTM" };

/** `mid_market` → `Mid market`; `mql` → `MQL`. */
export function enumLabel(value: string): string {
  if (ACRONYMS[value]) return ACRONYMS[value];
  const text = value.replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const LABELS: Record<string, string> = {
  id: "ID",
  external_id: "External ID",
  created_at: "Created",
  updated_at: "Updated",
};

/** `annual_revenue_minor` → `Annual revenue`; `owner_id` → `Owner`. */
export function fieldLabel(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const text = name
    .replace(/_minor$/, "")
    .replace(/_id$/, "")
    .replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
