import type { FieldMeta, ObjectMeta } from "../meta.types.ts";
import type { GenericMapping } from "./imports-api.ts";

export interface TargetOption {
  value: string;
  label: string;
}

/** Column targets the generic preset accepts for an object: its key, its fields, references by external id. */
export function targetOptions(object: ObjectMeta): TargetOption[] {
  const options: TargetOption[] = [
    { value: "", label: "— don't import —" },
    { value: "external_id", label: "Key in the source (external id)" },
    { value: "id", label: "Revline id" },
  ];
  for (const field of object.fields) {
    if (field.readOnly || field.name === "custom") continue;
    if (field.kind === "ref" && field.name.endsWith("_id")) {
      const base = field.name.slice(0, -3);
      options.push({ value: `${base}_external_id`, label: `${base} — its key in the source` });
      options.push({ value: field.name, label: `${base} — its Revline id` });
    } else options.push({ value: field.name, label: field.name });
  }
  if (object.fields.some((f: FieldMeta) => f.name === "custom"))
    options.push({ value: "custom", label: "Custom field (named after the column)" });
  return options;
}

const normal = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/**
 * A first guess of each column's target: the field of the same name (`First name` →
 * `first_name`), `<ref>_external_id` for references, `external_id` for a key column; else skipped.
 */
export function guessTargets(columns: string[], object: ObjectMeta): Record<string, string> {
  const values = new Set(targetOptions(object).map((o) => o.value));
  const guess: Record<string, string> = {};
  for (const column of columns) {
    const name = normal(column);
    if (name === "external_id" || name === "key") guess[column] = "external_id";
    else if (values.has(name) && name !== "custom") guess[column] = name;
    else if (values.has(`${name}_external_id`)) guess[column] = `${name}_external_id`;
    else guess[column] = "";
  }
  return guess;
}

/** The mapping document sent with the file: only the columns that are imported. */
export function mappingOf(object: string, source: string, targets: Record<string, string>): GenericMapping {
  const columns: Record<string, string> = {};
  for (const [column, target] of Object.entries(targets)) {
    if (target === "") continue;
    columns[column] = target === "custom" ? `custom.${normal(column)}` : target;
  }
  return { object, ...(source.trim() ? { source: source.trim() } : {}), columns };
}
