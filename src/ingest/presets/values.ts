import { isCurrency, minorDigits } from "../../model/money.ts";
import { wallClockToUtc } from "../../model/time-zone.ts";

/**
 * Parsers for the values found in exports, pure and strict: each returns the value in the
 * unified model's form, `undefined` for an empty cell, or throws a `ValueError` saying why.
 */
export class ValueError extends Error {}

const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

export function text(value: unknown): string | undefined {
  if (blank(value)) return undefined;
  return String(value).trim();
}

/** "1,234.50", "1 234,50" with decimal comma, "(12.00)" negative, "$99" → a decimal string. */
function decimalString(value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ValueError("is not a number");
    return String(value);
  }
  let s = String(value)
    .trim()
    .replace(/[\s\u00a0]/g, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^[A-Z]{3}|[A-Z]{3}$/g, "").replace(/^[$€£¥]|[$€£¥]$/g, "");
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  }
  // A comma followed by exactly 1–2 digits at the end, with no dot, is a decimal comma.
  if (/^\d{1,3}(\.\d{3})*,\d{1,2}$/.test(s) || /^\d+,\d{1,2}$/.test(s))
    s = s.replace(/\./g, "").replace(",", ".");
  else s = s.replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) throw new ValueError(`"${String(value)}" is not a number`);
  return (negative ? "-" : "") + s;
}

export function number(value: unknown): number | undefined {
  if (blank(value)) return undefined;
  return Number(decimalString(value));
}

export function integer(value: unknown): number | undefined {
  if (blank(value)) return undefined;
  const n = Number(decimalString(value));
  if (!Number.isInteger(n)) throw new ValueError(`"${String(value)}" is not a whole number`);
  return n;
}

/**
 * An amount in major units ("1,234.50" USD) → integer minor units (123450), computed on the
 * decimal digits so no float rounding creeps in; more decimals than the currency has are refused.
 */
export function minorUnits(value: unknown, currency: string | undefined): number | undefined {
  if (blank(value)) return undefined;
  const code = (currency ?? "USD").toUpperCase();
  const digits = isCurrency(code) ? minorDigits(code) : 2;
  const s = decimalString(value);
  const negative = s.startsWith("-");
  const [whole, fraction = ""] = s.replace("-", "").split(".");
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > digits)
    throw new ValueError(`"${String(value)}" has more decimals than ${code} allows (${digits})`);
  const minor = Number((whole || "0") + fraction.padEnd(digits, "0").slice(0, digits));
  if (!Number.isSafeInteger(minor)) throw new ValueError(`"${String(value)}" is too large`);
  return negative && minor !== 0 ? -minor : minor;
}

/** Already in minor units (Stripe's API amounts): a whole number. */
export const minorUnitsRaw = integer;

export function currency(value: unknown): string | undefined {
  if (blank(value)) return undefined;
  const code = String(value).trim().toUpperCase();
  if (!isCurrency(code)) throw new ValueError(`"${String(value)}" is not an ISO 4217 currency code`);
  return code;
}

const TRUE = new Set(["true", "yes", "y", "1", "t", "x"]);
const FALSE = new Set(["false", "no", "n", "0", "f"]);

export function boolean(value: unknown): boolean | undefined {
  if (blank(value)) return undefined;
  if (typeof value === "boolean") return value;
  const s = String(value).trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw new ValueError(`"${String(value)}" is not true or false`);
}

const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

function wallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  tz: string,
) {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(guess);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23)
    throw new ValueError("is not a real date");
  if (tz === "UTC") return new Date(guess);
  return new Date(wallClockToUtc(guess, tz));
}

/**
 * A point in time: ISO 8601 with an offset; "YYYY-MM-DD HH:MM[:SS]" or "M/D/YYYY h:mm AM"
 * read as wall-clock time in `timeZone` (exports write times in the account's zone); a bare
 * number of 10 digits as Unix seconds. Returns an ISO string in UTC.
 */
export function timestamp(value: unknown, timeZone = "UTC"): string | undefined {
  if (blank(value)) return undefined;
  const s = String(value).trim();
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString();
  if (/^\d{13}$/.test(s)) return new Date(Number(s)).toISOString();
  try {
    if (ISO_ZONED.test(s)) {
      const date = new Date(s.replace(" ", "T").replace(/\s+/, ""));
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    let m = WALL.exec(s);
    if (m) {
      const [, y, mo, d, h = "0", mi = "0", sec = "0", ms = "0"] = m;
      return wallClock(+y, +mo, +d, +h, +mi, +sec, Number(ms.padEnd(3, "0")), timeZone).toISOString();
    }
    m = US.exec(s);
    if (m) {
      const [, mo, d, y, h = "0", mi = "0", sec = "0", ampm] = m;
      let hour = +h;
      if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
      return wallClock(+y, +mo, +d, hour, +mi, +sec, 0, timeZone).toISOString();
    }
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
  }
  throw new ValueError(`"${s}" is not a date and time (use ISO 8601, e.g. 2026-01-31T14:00:00Z)`);
}

/** A calendar date "YYYY-MM-DD", from ISO, "M/D/YYYY" or the date part of a timestamp. */
export function date(value: unknown): string | undefined {
  if (blank(value)) return undefined;
  const s = String(value).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|[ ,])/.exec(s);
  const parts = iso ? [+iso[1], +iso[2], +iso[3]] : us ? [+us[3], +us[1], +us[2]] : null;
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString().slice(0, 10);
  if (parts) {
    const [y, mo, d] = parts;
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d)
      return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  throw new ValueError(`"${s}" is not a date (use YYYY-MM-DD)`);
}

/** "Closed Won" → "closed_won": how presets turn labels into enum values. */
export const slug = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** Looks a label up in a mapping (case- and punctuation-insensitive); unknown labels throw. */
export function oneOf<T extends string>(
  value: unknown,
  mapping: Record<string, T>,
  what: string,
): T | undefined {
  if (blank(value)) return undefined;
  const found = mapping[slug(String(value))];
  if (found === undefined) throw new ValueError(`"${String(value)}" is not a known ${what}`);
  return found;
}

/** The same, keeping unknown labels as their slug (stages are free text in the model). */
export function mapped(value: unknown, mapping: Record<string, string>): string | undefined {
  if (blank(value)) return undefined;
  return mapping[slug(String(value))] ?? slug(String(value));
}
