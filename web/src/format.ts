import { minorDigits as currencyDigits, isCurrency } from "../../src/model/money.ts";
import { wallClockToUtc, zoneOffsetMs } from "../../src/model/time-zone.ts";

/** Digits after the decimal point of a currency (2 for USD, 0 for JPY); 2 for a code this browser does not know. */
export function minorDigits(currency: string): number {
  return isCurrency(currency) ? currencyDigits(currency) : 2;
}

export function formatMoney(minor: number, currency: string): string {
  const major = minor / 10 ** minorDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(major);
  } catch {
    return `${major.toFixed(2)} ${currency}`;
  }
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 }).format(value);
}

/** A calendar date (YYYY-MM-DD) has no time zone: format it as it is. */
export function formatDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export function formatTimestamp(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    date,
  );
}

/** `2025-03-01T14:30` on the clocks of `timeZone` → an ISO instant in UTC (`…Z`). */
export function wallTimeToIso(local: string, timeZone: string): string {
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`not a date and time: ${local}`);
  return new Date(wallClockToUtc(asUtc, timeZone)).toISOString();
}

/** An ISO instant → the `YYYY-MM-DDTHH:mm` a datetime-local input shows for `timeZone`. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
