import type { Random } from "./random.ts";

/** Time in the generator is epoch milliseconds (UTC); rows get ISO strings. */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const days = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** ISO 8601 in UTC, as Date#toISOString gives it, but several times faster (the demo writes millions). */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 11);
    days.set(day, date);
  }
  let rest = t - day * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${date}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const monthKey = (ms: number): string => new Date(ms).toISOString().slice(0, 7);
export const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

export function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The same day of month `n` months later, clamped to the month's last day (Jan 31 + 1 = Feb 28). */
export function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) + (ms - startOfDay(ms));
}

/** Months from the first of `from`'s month up to and including `to`'s month, as month starts. */
export function monthsBetween(from: number, to: number): number[] {
  const months: number[] = [];
  for (let m = startOfMonth(from); m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function endOfMonth(ms: number): number {
  return addMonths(startOfMonth(ms), 1) - DAY;
}

/** Moves a Saturday or Sunday to the next Monday. */
export function workday(ms: number): number {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 6 ? ms + 2 * DAY : weekday === 0 ? ms + DAY : ms;
}

/**
 * A moment during office hours on the working day at or after `ms`, in a place `offset` hours
 * from UTC: what a sales call or a support reply looks like in the data.
 */
export function officeTime(random: Random, ms: number, offset: number, hour?: number): number {
  const day = startOfDay(workday(ms));
  const localHour = hour ?? random.int(8, 17);
  return day + (localHour - offset) * HOUR + random.int(0, 59) * MINUTE + random.int(0, 59) * 1000;
}
