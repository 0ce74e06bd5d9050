import type { FieldDef } from "./fields.ts";
import { apiPath } from "./object-def.ts";
import { OBJECTS } from "./registry.ts";

function describe(field: FieldDef): string {
  if (field.kind === "enum") return `one of ${field.values?.map((v) => `\`${v}\``).join(", ")}`;
  if (field.kind === "ref") return `id of a ${field.ref} record`;
  if (field.kind === "money") return "integer minor units (cents) of the record's currency";
  return field.kind;
}

/** docs/data-model.md, generated from the object registry. */
export function dataModelMarkdown(): string {
  const sections = OBJECTS.map((def) => {
    const rows = Object.entries(def.fields).map(([name, f]) => {
      const flags = [f.required && "required", f.readOnly && "computed", f.immutable && "fixed after create"]
        .filter(Boolean)
        .join(", ");
      return `| \`${name}\` | ${describe(f)} | ${flags} | ${f.description ?? ""} |`;
    });
    return `## ${def.label}

\`/api/${apiPath(def)}\` · area \`${def.area}\` · ids \`${def.idPrefix}_…\`${def.noGenericWrite ? " · written through admin routes only" : ""}

| field | type | | notes |
|---|---|---|---|
${rows.join("\n")}`;
  });
  return `# Data model

Generated from \`src/model/objects/\` by \`npm run docs\`; a test fails when this file is stale.

Every record also has \`id\`, \`source\` and \`external_id\` (provenance: unique per workspace and
object, the key of bulk upserts), \`version\` (optimistic concurrency), \`created_at\` and
\`updated_at\`. Tables are keyed by \`(workspace_id, id)\` and references are composite, so no
record can point into another workspace.

History kept automatically on every write (API, bulk upsert, import):

- a change of \`lifecycle_stage\` on a contact or account adds a **lifecycle transition**;
- a change of stage, amount, currency, close date or forecast category of an opportunity adds an
  **opportunity stage history** row; moving to a \`closed_won\`/\`closed_lost\` stage sets
  \`status\`, \`closed_at\` and forecast category \`closed\`;
- a change of items, billing interval, currency or status of a subscription adds a
  **subscription version** effective from that moment (from \`started_at\` for the first one,
  from \`ended_at\` for a cancellation), so MRR on any past date can be recomputed;
- \`mrr_minor\` and invoice-line \`amount_minor\` are computed (see docs/metrics.md).

${sections.join("\n\n")}
`;
}
