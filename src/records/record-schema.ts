import { z } from "zod";
import { AppError, type ErrorDetail } from "../errors/app-error.ts";
import { type FieldDef, fieldSchema } from "../model/fields.ts";
import type { ObjectDef } from "../model/object-def.ts";

export type RecordInput = Record<string, unknown>;

const provenance = {
  source: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_.-]+$/i, "must be letters, digits, dot, dash or underscore"),
  external_id: z.string().trim().min(1).max(255),
};

function writableFields(def: ObjectDef): Array<[string, FieldDef]> {
  return Object.entries(def.fields).filter(([, f]) => !f.readOnly);
}

const createCache = new Map<string, z.ZodType>();
const patchCache = new Map<string, z.ZodType>();

/** Create: required fields present, nulls allowed for optional ones, unknown keys rejected. */
export function createSchema(def: ObjectDef): z.ZodType {
  let schema = createCache.get(def.key);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {
      source: provenance.source.optional(),
      external_id: provenance.external_id.nullish(),
    };
    for (const [name, f] of writableFields(def)) {
      shape[name] = f.required ? fieldSchema(f) : fieldSchema(f).nullish();
    }
    const anyOf = def.requireAnyOf;
    schema = anyOf
      ? z
          .object(shape)
          .strict()
          .refine(
            (value: Record<string, unknown>) => anyOf.some((f) => value[f] != null && value[f] !== ""),
            {
              message: `at least one of ${anyOf.join(", ")} is required`,
              path: [anyOf[0]],
            },
          )
      : z.object(shape).strict();
    createCache.set(def.key, schema);
  }
  return schema;
}

/** Patch: any subset of mutable fields, plus the version the client last saw. */
export function patchSchema(def: ObjectDef): z.ZodType {
  let schema = patchCache.get(def.key);
  if (!schema) {
    const shape: Record<string, z.ZodType> = { version: z.number().int().min(1).optional() };
    for (const [name, f] of writableFields(def)) {
      if (f.immutable) continue;
      shape[name] = f.required ? fieldSchema(f).optional() : fieldSchema(f).nullish();
    }
    schema = z.object(shape).strict();
    patchCache.set(def.key, schema);
  }
  return schema;
}

/** Turns Zod issues into errors that name each field and say why. */
export function issuesToDetails(issues: z.core.$ZodIssue[], row?: number, input?: unknown): ErrorDetail[] {
  const given = (input ?? {}) as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        details.push({ field: key, row, code: "unknown_field", message: `${key}: unknown field` });
      }
      continue;
    }
    const field = issue.path.map(String).join(".") || undefined;
    const absent =
      issue.code !== "custom" && issue.path.length === 1 && given[String(issue.path[0])] === undefined;
    const reason = absent ? "is required" : issue.message;
    details.push({ field, row, code: issue.code, message: field ? `${field}: ${reason}` : reason });
  }
  return details;
}

export function validate(schema: z.ZodType, input: unknown, row?: number): RecordInput {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new AppError("validation_failed", "The body must be a JSON object");
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = issuesToDetails(result.error.issues, row, input);
    const code = details.every((d) => d.code === "unknown_field") ? "unknown_field" : "validation_failed";
    throw new AppError(code, details.map((d) => d.message).join("; "), { field: details[0]?.field, details });
  }
  return result.data as RecordInput;
}
