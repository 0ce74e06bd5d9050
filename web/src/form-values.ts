import type { ApiRecord } from "./api-client.ts";
import { isoToWallTime, minorDigits, wallTimeToIso } from "./format.ts";
import type { FieldMeta } from "./meta.types.ts";

export type FormValues = Record<string, string | boolean>;

export interface FormContext {
  timeZone: string;
  /** Currency of money fields when the record has no `currency` of its own. */
  defaultCurrency: string;
}

/** Fields a person can type into: everything but values Revline computes. */
export function editableFields(fields: FieldMeta[]): FieldMeta[] {
  return fields.filter((f) => !f.readOnly);
}

export function currencyOf(values: FormValues | ApiRecord, ctx: FormContext): string {
  const code = values.currency;
  return typeof code === "string" && /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : ctx.defaultCurrency;
}

function toInput(field: FieldMeta, value: unknown, currency: string, ctx: FormContext): string | boolean {
  if (field.kind === "boolean") return value === true;
  if (value === null || value === undefined) return "";
  switch (field.kind) {
    case "money":
      return String(Number(value) / 10 ** minorDigits(currency));
    case "timestamp":
      return isoToWallTime(String(value), ctx.timeZone);
    case "json":
      return JSON.stringify(value, null, 2);
    default:
      return String(value);
  }
}

/** What the form inputs show for a record (or blank inputs for a new one). */
export function toFormValues(
  fields: FieldMeta[],
  record: ApiRecord | undefined,
  ctx: FormContext,
): FormValues {
  const currency = currencyOf(record ?? {}, ctx);
  const out: FormValues = {};
  for (const field of editableFields(fields))
    out[field.name] = toInput(field, record?.[field.name], currency, ctx);
  return out;
}

function fromInput(field: FieldMeta, raw: string, currency: string, ctx: FormContext): unknown {
  switch (field.kind) {
    case "integer":
    case "number": {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error("must be a number");
      return n;
    }
    case "money": {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error("must be an amount");
      const minor = n * 10 ** minorDigits(currency);
      return Math.sign(minor) * Math.round(Math.abs(minor));
    }
    case "timestamp":
      try {
        return wallTimeToIso(raw, ctx.timeZone);
      } catch {
        throw new Error("must be a date and time");
      }
    case "json":
      try {
        return JSON.parse(raw);
      } catch {
        throw new Error("must be valid JSON");
      }
    default:
      return raw;
  }
}

/**
 * The request body for a create (no `original`) or for a PATCH (only the fields that changed,
 * a cleared input becomes null), and the inputs that could not be read.
 */
export function toRequestBody(
  fields: FieldMeta[],
  values: FormValues,
  ctx: FormContext,
  original?: ApiRecord,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const before = original ? toFormValues(fields, original, ctx) : undefined;
  const currency = currencyOf(values, ctx);
  // Amounts are typed in major units, so a new currency changes every amount's minor units.
  const currencyChanged = before !== undefined && values.currency !== before.currency;
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of editableFields(fields)) {
    const value = values[field.name];
    const resend = currencyChanged && field.kind === "money";
    if (before && value === before[field.name] && !resend) continue;
    if (original && field.immutable) continue;
    if (typeof value === "boolean") {
      body[field.name] = value;
      continue;
    }
    const raw = (value ?? "").trim();
    if (raw === "") {
      if (original) body[field.name] = null;
      continue;
    }
    try {
      body[field.name] = fromInput(field, raw, currency, ctx);
    } catch (error) {
      errors[field.name] = (error as Error).message;
    }
  }
  return { body, errors };
}
