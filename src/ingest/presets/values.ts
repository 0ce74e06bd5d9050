import { AppError } from "../../errors/app-error.ts";
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

/**
 * Which comes first in an all-numeric date like 03/04/2026: the month (US exports, the default)
 * or the day (most of the world). A date whose first number is over 12 is day-first whatever the
 * order, one whose second is over 12 month-first; `15.01.2026` (dots) is day-first.
 */
export type DateOrder = "mdy" | "dmy";
export const DATE_ORDERS: readonly DateOrder[] = ["mdy", "dmy"];

/** A date order given by a user (`--date-order`, the API's `date_order`), checked. */
export function dateOrderOption(value: unknown): DateOrder | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (DATE_ORDERS.includes(value as DateOrder)) return value as DateOrder;
  throw new AppError(
    "validation_failed",
    `date_order: must be "mdy" (month first: 03/31/2026) or "dmy" (day first: 31/03/2026), not "${String(value)}"`,
    { field: "date_order" },
  );
}

const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
/** 2026-01-31, 2026/01/31, 2026.01.31 */
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
/** 1/31/2026, 31/01/26, 31-01-2026, 31.01.2026 */
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/;
/** Jan 31, 2026 · January 31st 2026 · Jan-31-2026 */
const MONTH_DAY = /^([a-z]{3,9})\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4}|\d{2})(?!\d)/i;
/** 31 Jan 2026 · 31-Jan-26 · 31. Januar 2026 is not read (English month names only) */
const DAY_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})(?!\d)/i;
/** What may follow the date: a time of day, AM/PM, and a zone (UTC, GMT, Z, +01:00, +0100, PST…). */
const TIME =
  /^(?:(?:[T\s]|,\s*)+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(AM|PM)?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2}|[ECMP][SD]T)?$/i;
/** US zone abbreviations (what US-locale exports append) as hours from UTC. */
const US_ZONES: Record<string, number> = {
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};

/** Minutes east of UTC of a zone suffix, or null for none (the wall clock is in the import's zone). */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  const upper = zone.toUpperCase();
  if (upper === "UTC" || upper === "GMT" || upper === "Z") return 0;
  if (upper in US_ZONES) return US_ZONES[upper] * 60;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const MONTHS: Record<string, number> = {};
for (const [i, name] of [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
].entries()) {
  MONTHS[name] = i + 1;
  MONTHS[name.slice(0, 3)] = i + 1;
}
MONTHS.sept = 9;

/** A two-digit year as POSIX strptime reads %y: 00–68 → 2000s, 69–99 → 1900s. */
const fullYear = (y: string): number =>
  y.length === 2 ? (Number(y) <= 68 ? 2000 : 1900) + Number(y) : Number(y);

/** Day and month of an all-numeric date: the order's reading unless only the other one is a real date. */
function dayMonth(first: number, second: number, order: DateOrder): [day: number, month: number] {
  if (first > 12 && second <= 12) return [first, second];
  if (second > 12 && first <= 12) return [second, first];
  return order === "dmy" ? [first, second] : [second, first];
}

/** The calendar date at the start of `s` and what follows it, or null when there is none. */
function calendarDate(
  s: string,
  order: DateOrder,
): { y: number; mo: number; d: number; rest: string } | null {
  let m = YMD.exec(s);
  if (m) return { y: +m[1], mo: +m[3], d: +m[4], rest: s.slice(m[0].length) };
  m = NUMERIC.exec(s);
  if (m) {
    const [d, mo] = dayMonth(+m[1], +m[3], m[2] === "." ? "dmy" : order);
    return { y: fullYear(m[4]), mo, d, rest: s.slice(m[0].length) };
  }
  m = MONTH_DAY.exec(s);
  if (m && MONTHS[m[1].toLowerCase()])
    return { y: fullYear(m[3]), mo: MONTHS[m[1].toLowerCase()], d: +m[2], rest: s.slice(m[0].length) };
  m = DAY_MONTH.exec(s);
  if (m && MONTHS[m[2].toLowerCase()])
    return { y: fullYear(m[3]), mo: MONTHS[m[2].toLowerCase()], d: +m[1], rest: s.slice(m[0].length) };
  return null;
}

const realDate = (y: number, mo: number, d: number): boolean => {
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d;
};

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
  if (!realDate(y, mo, d) || h > 23 || mi > 59 || s > 59) throw new ValueError("is not a real date");
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (tz === "UTC") return new Date(guess);
  return new Date(wallClockToUtc(guess, tz));
}

/**
 * A point in time: ISO 8601 with an offset; otherwise a date (ISO, `2026/01/31`, numeric in the
 * file's `order`, `31.01.2026`, `Jan 31, 2026`, `31-Jan-26`) with an optional time of day
 * (24-hour or AM/PM), read as wall-clock time in `timeZone` (exports write times in the
 * account's zone) unless it ends in UTC, GMT or Z; a bare number of 10 digits as Unix seconds
 * (13: milliseconds). Returns an ISO string in UTC.
 */
export function timestamp(value: unknown, timeZone = "UTC", order: DateOrder = "mdy"): string | undefined {
  if (blank(value)) return undefined;
  const s = String(value).trim();
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString();
  if (/^\d{13}$/.test(s)) return new Date(Number(s)).toISOString();
  try {
    if (ISO_ZONED.test(s)) {
      const date = new Date(s.replace(" ", "T").replace(/\s+/, ""));
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    const day = calendarDate(s, order);
    const time = day && TIME.exec(day.rest);
    if (day && time) {
      const [, h = "0", mi = "0", sec = "0", ms = "0", ampm, zone] = time;
      let hour = +h;
      if (ampm) {
        if (hour < 1 || hour > 12) throw new ValueError("is not a real time");
        hour = (hour % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
      }
      const offset = offsetMinutes(zone);
      const ms3 = Number(ms.padEnd(3, "0"));
      if (offset === null)
        return wallClock(day.y, day.mo, day.d, hour, +mi, +sec, ms3, timeZone).toISOString();
      const utc = wallClock(day.y, day.mo, day.d, hour, +mi, +sec, ms3, "UTC").getTime() - offset * 60_000;
      return new Date(utc).toISOString();
    }
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
  }
  throw new ValueError(`"${s}" is not a date and time (use ISO 8601, e.g. 2026-01-31T14:00:00Z)`);
}

/** A calendar date "YYYY-MM-DD", from the forms `timestamp` reads (a time after it is ignored). */
export function date(value: unknown, order: DateOrder = "mdy"): string | undefined {
  if (blank(value)) return undefined;
  const s = String(value).trim();
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString().slice(0, 10);
  const day = calendarDate(s, order);
  if (day && /^(?:$|[T\s,])/.test(day.rest) && realDate(day.y, day.mo, day.d))
    return `${day.y}-${String(day.mo).padStart(2, "0")}-${String(day.d).padStart(2, "0")}`;
  throw new ValueError(`"${s}" is not a date (use YYYY-MM-DD)`);
}

/**
 * What a cell says about its file's date order: "dmy" for 31/01/2026, "mdy" for 01/31/2026,
 * null when it is not an all-numeric date or could be either (03/04/2026).
 */
export function dateOrderHint(value: string): DateOrder | null {
  const m = NUMERIC.exec(value.trim());
  if (!m || m[2] === ".") return null;
  const first = +m[1];
  const second = +m[3];
  if (first > 12 && first <= 31 && second <= 12) return "dmy";
  if (second > 12 && second <= 31 && first <= 12) return "mdy";
  return null;
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
