import { z } from "zod";
import { AppError, type ErrorDetail } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import { referencesTo } from "../model/registry.ts";
import { issuesToDetails } from "../records/index.ts";
import { checkFormula, type FormulaFields } from "./formula/index.ts";

export const FILTER_OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "like", "null"] as const;
export const COMPUTED_FORMATS = ["number", "money", "percent", "text", "date"] as const;
const BASE_FIELDS = ["id", "source", "external_id", "version", "created_at", "updated_at"];
/** Fields a list can be grouped by: a handful of distinct values, not free text or amounts. */
const GROUPABLE = new Set(["enum", "text", "ref", "boolean", "currency", "date"]);

const name = z.string().regex(/^[a-z][a-z0-9_]{0,79}$/, "must be a field name");

/** What a saved view stores: the grid's state for one object. */
export const definitionSchema = z
  .object({
    columns: z.array(name).max(100).default([]),
    filters: z
      .array(z.object({ field: name, op: z.enum(FILTER_OPS), value: z.string().max(2000) }).strict())
      .max(50)
      .default([]),
    sort: z
      .string()
      .regex(/^-?[a-z][a-z0-9_]{0,79}$/, "must be a field name, prefixed with - for descending")
      .nullable()
      .default(null),
    group_by: name.nullable().default(null),
    q: z.string().trim().max(200).nullable().default(null),
    computed: z
      .array(
        z
          .object({
            key: z.string().regex(/^c_[a-z0-9_]{1,40}$/, "must look like c_open_pipeline"),
            label: z.string().trim().min(1).max(80),
            formula: z.string().max(500),
            format: z.enum(COMPUTED_FORMATS).default("number"),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

export type ViewDefinition = z.infer<typeof definitionSchema>;

/** The fields a formula over `def` may read: its own, and those of each child object. */
export function formulaFields(def: ObjectDef): FormulaFields {
  const visible = (d: ObjectDef) => [
    ...Object.keys(d.fields).filter((f) => !d.hidden?.includes(f)),
    ...BASE_FIELDS,
  ];
  const children: Record<string, string[]> = {};
  for (const { object } of referencesTo(def.key)) children[object.key] ??= visible(object);
  return { fields: visible(def), children };
}

/**
 * Parses a view definition and checks it against the object: every column, filter, sort and
 * group names a field of the object (or a computed column), and every formula is valid.
 */
export function parseDefinition(def: ObjectDef, input: unknown): ViewDefinition {
  const parsed = definitionSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues).map((d) => ({
      ...d,
      field: `definition.${d.field ?? ""}`.replace(/\.$/, ""),
      message: `definition.${d.message}`,
    }));
    throw new AppError("validation_failed", details.map((d) => d.message).join("; "), {
      field: details[0]?.field,
      details,
    });
  }
  const view = parsed.data;
  const allowed = formulaFields(def);
  const fields = new Set(allowed.fields);
  const computedKeys = new Set(view.computed.map((c) => c.key));
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field: `definition.${field}`, message: `definition.${field}: ${message}` });
  const noField = (f: string) => `${def.label} have no field "${f}"`;

  view.columns.forEach((c, i) => {
    if (!fields.has(c) && !computedKeys.has(c)) problem(`columns.${i}`, noField(c));
  });
  view.filters.forEach((f, i) => {
    if (!fields.has(f.field)) problem(`filters.${i}.field`, noField(f.field));
  });
  const sortField = view.sort?.replace(/^-/, "");
  if (sortField && (!fields.has(sortField) || def.fields[sortField]?.kind === "json"))
    problem("sort", noField(sortField));
  if (view.group_by) {
    const kind = def.fields[view.group_by]?.kind;
    if (!kind || !GROUPABLE.has(kind))
      problem("group_by", `cannot group ${def.label.toLowerCase()} by "${view.group_by}"`);
  }
  if (computedKeys.size !== view.computed.length)
    problem("computed", "two computed columns have the same key");
  view.computed.forEach((c, i) => {
    const check = checkFormula(c.formula, allowed);
    if (!check.ok) problem(`computed.${i}.formula`, check.error);
  });
  if (problems.length > 0) {
    throw new AppError("validation_failed", problems.map((p) => p.message).join("; "), {
      field: problems[0].field,
      details: problems,
    });
  }
  return view;
}
