import { apiPath } from "../../model/object-def.ts";
import { OBJECTS, referencesTo } from "../../model/registry.ts";
import type { App } from "../context.ts";

/** The object registry as data: the web app builds its lists, forms and related lists from it. */
export function objectsMeta() {
  return OBJECTS.map((def) => ({
    key: def.key,
    path: apiPath(def),
    label: def.label,
    singular: def.singular,
    area: def.area,
    titleField: def.titleField,
    searchFields: def.searchFields ?? [def.titleField],
    defaultSort: def.defaultSort ?? "-created_at",
    writable: !def.noGenericWrite,
    fields: Object.entries(def.fields).map(([name, f]) => ({
      name,
      kind: f.kind,
      required: f.required ?? false,
      readOnly: f.readOnly ?? false,
      immutable: f.immutable ?? false,
      values: f.values,
      ref: f.ref,
      description: f.description,
    })),
    related: referencesTo(def.key).map((r) => ({
      object: r.object.key,
      path: apiPath(r.object),
      field: r.field,
    })),
  }));
}

export function registerMetaRoutes(app: App): void {
  const meta = objectsMeta();
  app.get("/api/meta/objects", {}, async () => ({ data: meta }));
}
