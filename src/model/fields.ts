import { z } from "zod";
import { isCurrency } from "./money.ts";

/** What a field holds; drives validation, filters, SQL casts, OpenAPI and the web forms. */
export type FieldKind =
  | "text"
  | "email"
  | "url"
  | "integer"
  | "money"
  | "number"
  | "boolean"
  | "date"
  | "timestamp"
  | "enum"
  | "currency"
  | "ref"
  | "json";

export interface FieldDef {
  kind: FieldKind;
  /** Must be given on create. */
  required?: boolean;
  /** Values for `enum`. */
  values?: readonly string[];
  /** Object key (plural) a `ref` points to. */
  ref?: string;
  /** Computed by Revline; rejected on input. */
  readOnly?: boolean;
  /** Can be set on create but never changed afterwards. */
  immutable?: boolean;
  /** Maximum length for text. */
  max?: number;
  /** Zod schema for `json` fields. */
  schema?: z.ZodType;
  label?: string;
  description?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Input schema of one field (without optionality). */
export function fieldSchema(field: FieldDef): z.ZodType {
  switch (field.kind) {
    case "text":
      return z
        .string()
        .trim()
        .max(field.max ?? 10_000);
    case "email":
      return z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ message: "must be a valid email address" }));
    case "url":
      return z.string().trim().max(2048);
    case "integer":
      return z.number().int("must be a whole number").min(-2_147_483_648).max(2_147_483_647);
    case "money":
      return z
        .number()
        .int("must be an integer number of minor units (cents)")
        .refine(Number.isSafeInteger, "is too large");
    case "number":
      return z.number().refine(Number.isFinite, "must be a finite number");
    case "boolean":
      return z.boolean();
    case "date":
      return z.string().refine(validDate, "must be a date as YYYY-MM-DD");
    case "timestamp":
      return z.iso.datetime({ offset: true, message: "must be an ISO 8601 timestamp with time zone" });
    case "enum":
      return z.enum(field.values as [string, ...string[]], {
        message: `must be one of: ${field.values?.join(", ")}`,
      });
    case "currency":
      return z
        .string()
        .trim()
        .toUpperCase()
        .refine(isCurrency, "must be an ISO 4217 currency code such as USD or EUR");
    case "ref":
      return z.string().trim().min(1).max(100);
    case "json":
      return field.schema ?? z.record(z.string(), z.unknown());
  }
}

/** Parses a query-string value into the field's type; undefined when it does not parse. */
export function parseFilterValue(field: FieldDef, raw: string): unknown {
  switch (field.kind) {
    case "integer":
    case "money":
    case "number": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) ? n : undefined;
    }
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    case "date":
      return validDate(raw) ? raw : undefined;
    case "timestamp":
      return Number.isNaN(Date.parse(raw)) ? undefined : new Date(raw).toISOString();
    case "enum":
      return field.values?.includes(raw) ? raw : undefined;
    case "currency":
      return isCurrency(raw.toUpperCase()) ? raw.toUpperCase() : undefined;
    case "json":
      return undefined;
    default:
      return raw;
  }
}

/** OpenAPI/JSON-schema-ish type name of a field, used by docs and the web app. */
export function fieldType(field: FieldDef): string {
  return field.kind;
}
