import { isoToWallTime, minorDigits, wallTimeToIso } from "../format.ts";
import { enumLabel, type FieldMeta } from "../meta.types.ts";
import { parseNumber } from "./number-shortcuts.ts";

export interface CellContext {
  /** Currency the row's amounts are in. */
  currency: string;
  timeZone: string;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const YES = new Set(["yes", "y", "true", "1", "x", "✓"]);
const NO = new Set(["no", "n", "false", "0"]);

function parseDate(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text) ? text : null;
  }
  // "Mar 5 2026", "5 March 2026": read as a calendar day, not an instant.
  const ms = Date.parse(`${text} UTC`);
  if (Number.isNaN(ms) || !/[a-z]/i.test(text)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * What a typed or pasted cell means for the API: amounts in major units (with 10k, 1.5m
 * shortcuts) become minor units, enums accept their labels, times are read on the workspace's
 * clocks. Values the API checks itself (emails, currencies, references) pass as typed, so its
 * own message is what the cell shows.
 */
export function parseCell(field: FieldMeta, raw: string, ctx: CellContext): Parsed {
  const text = raw.trim();
  if (text === "") return field.required ? { ok: false, error: "is required" } : { ok: true, value: null };
  switch (field.kind) {
    case "integer": {
      const n = parseNumber(text);
      if (n === null || !Number.isInteger(n)) return { ok: false, error: "must be a whole number" };
      return { ok: true, value: n };
    }
    case "number": {
      const n = parseNumber(text);
      return n === null ? { ok: false, error: "must be a number" } : { ok: true, value: n };
    }
    case "money": {
      const n = parseNumber(text);
      if (n === null)
        return { ok: false, error: `must be an amount in ${ctx.currency}, such as 1200, 10k or 1.5m` };
      const minor = n * 10 ** minorDigits(ctx.currency);
      return { ok: true, value: Math.sign(minor) * Math.round(Math.abs(minor)) };
    }
    case "boolean": {
      const t = text.toLowerCase();
      if (YES.has(t)) return { ok: true, value: true };
      if (NO.has(t)) return { ok: true, value: false };
      return { ok: false, error: "must be yes or no" };
    }
    case "enum": {
      const t = text.toLowerCase();
      const value = field.values?.find((v) => v.toLowerCase() === t || enumLabel(v).toLowerCase() === t);
      return value === undefined
        ? { ok: false, error: `must be one of: ${field.values?.map(enumLabel).join(", ")}` }
        : { ok: true, value };
    }
    case "date": {
      const date = parseDate(text);
      return date === null
        ? { ok: false, error: "must be a date such as 2026-03-31" }
        : { ok: true, value: date };
    }
    case "timestamp": {
      if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)))
        return { ok: true, value: new Date(text).toISOString() };
      const wall = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?$/.exec(text);
      if (!wall) return { ok: false, error: "must be a date and time such as 2026-03-31 14:30" };
      try {
        return {
          ok: true,
          value: wallTimeToIso(`${wall[1]}T${(wall[2] ?? "00:00").padStart(5, "0")}`, ctx.timeZone),
        };
      } catch {
        return { ok: false, error: "must be a date and time such as 2026-03-31 14:30" };
      }
    }
    case "currency":
      return { ok: true, value: text.toUpperCase() };
    case "json":
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, error: "must be valid JSON" };
      }
    default:
      return { ok: true, value: text };
  }
}

/** The text an editor starts from for a stored value (the inverse of parseCell). */
export function editText(field: FieldMeta, value: unknown, ctx: CellContext): string {
  if (value === null || value === undefined) return "";
  switch (field.kind) {
    case "money":
      return String(Number(value) / 10 ** minorDigits(ctx.currency));
    case "boolean":
      return value ? "yes" : "no";
    case "timestamp":
      return isoToWallTime(String(value), ctx.timeZone).replace("T", " ");
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
