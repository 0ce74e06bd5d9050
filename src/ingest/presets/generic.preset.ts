import { z } from "zod";
import { AppError } from "../../errors/app-error.ts";
import type { FieldDef } from "../../model/fields.ts";
import { PROVENANCE_FIELDS, SYSTEM_FIELDS } from "../../model/object-def.ts";
import { objectDef } from "../../model/registry.ts";
import type { StageDates } from "../../records/index.ts";
import { stageDateColumns } from "../export/stage-dates.ts";
import type {
  MapOptions,
  MappedRecord,
  MappedRow,
  Preset,
  RecordRef,
  RowProblem,
  SourceRow,
} from "../ingest.types.ts";
import * as v from "./values.ts";

/** The column-mapping file of the generic preset (see docs/imports.md). */
export const genericMappingSchema = z
  .object({
    object: z.string().min(1),
    source: z
      .string()
      .regex(/^[a-z0-9_.-]+$/i, "must be letters, digits, dot, dash or underscore")
      .max(60)
      .optional(),
    key: z.string().min(1).optional(),
    columns: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
    amounts: z.enum(["minor", "major"]).optional(),
    timezone: z.string().optional(),
    defaults: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type GenericMapping = z.infer<typeof genericMappingSchema>;

export const DEFAULT_GENERIC_SOURCE = "import";
const IGNORED = new Set<string>(["version", "created_at", "updated_at", "workspace_id"]);

type Target =
  | { kind: "field"; field: string; def: FieldDef }
  | { kind: "custom"; key: string }
  | { kind: "key" }
  | { kind: "id" }
  | { kind: "source" }
  | { kind: "skip" }
  | { kind: "ref"; field: string; object: string }
  | { kind: "ref_source"; field: string }
  | { kind: "stage_date"; field: "lifecycle_stage"; stage: string };

/** `became_<stage>_at`: when a contact or account reached a lifecycle stage (dates its history). */
const STAGE_DATE = /^became_([a-z]+)_at$/;

function targetOf(object: string, name: string): Target | null {
  const def = objectDef(object);
  if (name === "external_id") return { kind: "key" };
  if (name === "id") return { kind: "id" };
  if (name === "source") return { kind: "source" };
  if (name === "" || name === "skip" || IGNORED.has(name)) return { kind: "skip" };
  if (name.startsWith("custom.") && def.fields.custom) return { kind: "custom", key: name.slice(7) };
  const field = def.fields[name];
  if (field && !field.readOnly) return { kind: "field", field: name, def: field };
  const stage = STAGE_DATE.exec(name)?.[1];
  if (stage && def.fields.lifecycle_stage?.values?.includes(stage))
    return { kind: "stage_date", field: "lifecycle_stage", stage };
  if (field?.readOnly) return { kind: "skip" };
  const alias = /^(.+)_(external_id|source)$/.exec(name);
  const refField = alias ? `${alias[1]}_id` : "";
  const ref = def.fields[refField];
  if (alias && ref?.kind === "ref")
    return alias[2] === "external_id"
      ? { kind: "ref", field: refField, object: ref.ref! }
      : { kind: "ref_source", field: refField };
  return null;
}

function parseValue(
  t: { field: string; def: FieldDef },
  raw: unknown,
  mapping: GenericMapping,
  order: v.DateOrder,
  currency?: string,
) {
  const labels = mapping.values?.[t.field];
  const value = labels && typeof raw === "string" && raw in labels ? labels[raw] : raw;
  switch (t.def.kind) {
    case "integer":
      return v.integer(value);
    case "number":
      return v.number(value);
    case "money":
      return mapping.amounts === "major" ? v.minorUnits(value, currency) : v.integer(value);
    case "boolean":
      return v.boolean(value);
    case "date":
      return v.date(value, order);
    case "timestamp":
      return v.timestamp(value, mapping.timezone, order);
    case "currency":
      return v.currency(value);
    case "json":
      return typeof value === "string"
        ? v.text(value) === undefined
          ? undefined
          : JSON.parse(value)
        : value;
    case "enum":
      return v.text(value) === undefined
        ? undefined
        : (t.def.values?.find((e) => e === v.slug(String(value))) ?? v.text(value));
    default:
      return typeof value === "string" ? v.text(value) : value === null ? undefined : value;
  }
}

/**
 * Without a mapping, a column not named as a field may be its label: `First Name` → first_name,
 * `Account External ID` → account_external_id, `External ID` → the key. Never the Revline id or
 * the row's source (an "ID" or "Source" column of another tool means something else there).
 */
function byLabel(object: string, column: string): Target | null {
  const name = v.slug(column);
  if (name === "id" || name === "source" || name === column) return null;
  const found = targetOf(object, name);
  return found?.kind === "id" || found?.kind === "source" || found?.kind === "skip" ? null : found;
}

/** What a column becomes, in the dry run's words ("contacts.first_name"), or null when it is not imported. */
function describe(object: string, t: Target | null): string | null {
  if (!t || t.kind === "skip") return null;
  if (t.kind === "field" || t.kind === "ref") return `${object}.${t.field}`;
  if (t.kind === "ref_source") return `${object}.${t.field} (its source)`;
  if (t.kind === "key") return `${object}.external_id`;
  if (t.kind === "custom") return `${object}.custom.${t.key}`;
  if (t.kind === "stage_date") return `${object}.lifecycle_stage (when it became ${t.stage})`;
  return `${object}.${t.kind}`;
}

/**
 * The generic preset: any object, columns named as its fields (what `revline export` writes)
 * or mapped by a mapping file. `<ref>_id` columns hold Revline ids, `<ref>_external_id`
 * columns external ids of the same source (or of `<ref>_source`).
 */
export function genericPreset(input: unknown): Preset {
  const parsed = genericMappingSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["mapping", ...issue.path.map(String)].join(".");
    throw new AppError("validation_failed", `${field}: ${issue.message}`, { field });
  }
  const mapping = parsed.data;
  const def = objectDef(mapping.object);
  if (def.noGenericWrite)
    throw new AppError("validation_failed", `mapping.object: ${def.label} cannot be imported`, {
      field: "mapping.object",
    });
  for (const [column, name] of Object.entries(mapping.columns ?? {})) {
    if (!targetOf(def.key, name))
      throw new AppError(
        "validation_failed",
        `mapping.columns.${column}: ${def.label} have no field "${name}"`,
        {
          field: `mapping.columns.${column}`,
        },
      );
  }
  const source = mapping.source ?? DEFAULT_GENERIC_SOURCE;
  const keyColumn =
    mapping.key ?? Object.entries(mapping.columns ?? {}).find(([, f]) => f === "external_id")?.[0];
  const cache = new Map<string, Target | null>();
  const target = (column: string): Target | null => {
    if (!cache.has(column)) {
      const name = column === keyColumn ? "external_id" : mapping.columns ? mapping.columns[column] : column;
      cache.set(
        column,
        name === undefined
          ? null
          : (targetOf(def.key, name) ?? (mapping.columns ? null : byLabel(def.key, name))),
      );
    }
    return cache.get(column)!;
  };
  const columns = Object.entries(mapping.columns ?? {}).map(([column, field]) => ({
    column,
    field: `${def.key}.${field}`,
  }));
  if (keyColumn && !mapping.columns?.[keyColumn])
    columns.unshift({ column: keyColumn, field: `${def.key}.external_id` });

  return {
    name: "generic",
    label: `Generic CSV / JSON lines → ${def.label.toLowerCase()}`,
    source,
    format: "csv",
    objects: [def.key],
    columns: mapping.columns ? columns : [{ column: "(each field by name)", field: `${def.key}.*` }],
    requiredColumns: [],
    columnTarget: (column) => describe(def.key, target(column)),
    map(row: SourceRow, options?: MapOptions): MappedRow {
      const order = options?.dateOrder ?? "mdy";
      const problems: RowProblem[] = [];
      const fields: Record<string, unknown> = {};
      const cols: Record<string, string> = {};
      const refs: RecordRef[] = [];
      const refSources: Record<string, string> = {};
      let externalId: string | undefined;
      let id: string | undefined;
      let rowSource = source;
      const stageDates: StageDates = { stages: {} };
      const later: Array<[string, { field: string; def: FieldDef }, unknown]> = [];
      for (const column in row) {
        const t = target(column);
        if (!t || t.kind === "skip") continue;
        const raw = row[column];
        try {
          if (t.kind === "key") externalId = v.text(raw);
          else if (t.kind === "id") id = v.text(raw);
          else if (t.kind === "source") rowSource = v.text(raw) ?? rowSource;
          else if (t.kind === "stage_date") {
            const at = v.timestamp(raw, mapping.timezone, order);
            if (at !== undefined) stageDates.stages[t.stage] = at;
          } else if (t.kind === "ref_source") {
            const s = v.text(raw);
            if (s) refSources[t.field] = s;
          } else if (t.kind === "ref") {
            const key = v.text(raw);
            if (key) refs.push({ field: t.field, object: t.object, source: "", key });
          } else if (t.kind === "custom") {
            const value = v.text(raw);
            if (value !== undefined) fields.custom = { ...((fields.custom as object) ?? {}), [t.key]: value };
          } else if (t.def.kind === "money") later.push([column, t, raw]);
          else if (t.def.kind === "ref") {
            const key = v.text(raw);
            if (key) refs.push({ field: t.field, object: t.def.ref!, source: null, key });
            else if (raw === "" || raw === null) fields[t.field] = null;
            cols[t.field] = column;
          } else {
            cols[t.field] = column;
            const value = parseValue(t, raw, mapping, order);
            if (value !== undefined) fields[t.field] = value;
          }
        } catch (error) {
          if (!(error instanceof v.ValueError || error instanceof SyntaxError)) throw error;
          const field = "field" in t ? t.field : t.kind;
          problems.push({ field, column, message: `${field}: ${error.message} (column "${column}")` });
        }
      }
      for (const [name, value] of Object.entries(mapping.defaults ?? {}))
        if (fields[name] === undefined) fields[name] = value;
      for (const [column, t, raw] of later) {
        cols[t.field] = column;
        try {
          const value = parseValue(t, raw, mapping, order, fields.currency as string | undefined);
          if (value !== undefined) fields[t.field] = value;
        } catch (error) {
          if (!(error instanceof v.ValueError)) throw error;
          problems.push({
            field: t.field,
            column,
            message: `${t.field}: ${error.message} (column "${column}")`,
          });
        }
      }
      for (const ref of refs) if (ref.source === "") ref.source = refSources[ref.field] ?? rowSource;
      if (!externalId && !id) {
        problems.push({
          field: "external_id",
          column: keyColumn,
          message: `external_id: is required (a column ${keyColumn ? `"${keyColumn}"` : "external_id or id"})`,
        });
        return { records: [], problems };
      }
      const record: MappedRecord = {
        object: def.key,
        source: rowSource,
        externalId: externalId ?? null,
        ...(id ? { id } : {}),
        fields,
        refs,
        columns: cols,
      };
      if (Object.keys(stageDates.stages).length > 0) record.stageDates = stageDates;
      return { records: [record], problems };
    },
  };
}

/** Columns of an export of `object`, in the order `revline export` writes them (lifecycle dates last). */
export function exportColumns(object: string): string[] {
  const def = objectDef(object);
  return [
    "id",
    ...PROVENANCE_FIELDS,
    ...Object.keys(def.fields).filter((f) => !def.hidden?.includes(f)),
    ...SYSTEM_FIELDS.filter((f) => f !== "id"),
    ...stageDateColumns(def.key, def.fields.lifecycle_stage?.values ?? []),
  ];
}
