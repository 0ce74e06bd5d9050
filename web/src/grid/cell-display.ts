import { minorDigits } from "../format.ts";
import { enumLabel, type FieldMeta } from "../meta.types.ts";

// Intl formatters are costly to build and a scrolling grid formats thousands of cells a second.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function money(minor: number, currency: string): string {
  try {
    const f = cached(
      `m:${currency}`,
      () => new Intl.NumberFormat(undefined, { style: "currency", currency }),
    );
    return f.format(minor / 10 ** minorDigits(currency));
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** Large amounts in a few characters: $1.2M, €340K (group headers, board columns, tiles). */
export function compactMoney(minor: number, currency: string): string {
  try {
    const f = cached(
      `c:${currency}`,
      () =>
        new Intl.NumberFormat(undefined, {
          style: "currency",
          currency,
          notation: "compact",
          maximumFractionDigits: 1,
        }),
    );
    return f.format(minor / 10 ** minorDigits(currency));
  } catch {
    return money(minor, currency);
  }
}

export function number(value: number, digits = 4): string {
  return (
    cached(
      `n:${digits}`,
      () => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }),
    ) as Intl.NumberFormat
  ).format(value);
}

export function date(value: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return value;
  return (
    cached(
      "d",
      () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }),
    ) as Intl.DateTimeFormat
  ).format(d);
}

export function timestamp(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (
    cached(
      `t:${timeZone}`,
      () => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }),
    ) as Intl.DateTimeFormat
  ).format(d);
}

/** A value as the grid shows it: plain text, formatted for its kind. */
export function displayText(
  field: FieldMeta,
  value: unknown,
  ctx: { currency: string; timeZone: string; refTitle?: string },
): string {
  if (value === null || value === undefined || value === "") return "";
  switch (field.kind) {
    case "money":
      return money(Number(value), ctx.currency);
    case "integer":
    case "number":
      return number(Number(value));
    case "boolean":
      return value ? "Yes" : "No";
    case "date":
      return date(String(value));
    case "timestamp":
      return timestamp(String(value), ctx.timeZone);
    case "enum":
      return enumLabel(String(value));
    case "ref":
      return ctx.refTitle ?? String(value);
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
