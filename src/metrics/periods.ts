import { AppError } from "../errors/app-error.ts";

export const GRAINS = ["day", "week", "month", "quarter", "year"] as const;
export type Grain = (typeof GRAINS)[number];

/** One calendar period in the workspace's time zone; dates are local calendar dates, `end` inclusive. */
export interface Period {
  key: string;
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_PERIODS = 1000;

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

export function isDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(toUtc(value).getTime()) && fromUtc(toUtc(value)) === value;
}

/** The earlier and the later of two YYYY-MM-DD dates (they sort as text). */
export const earlierDate = (a: string, b: string): string => (a < b ? a : b);
export const laterDate = (a: string, b: string): string => (a > b ? a : b);

export function addDays(date: string, days: number): string {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  return fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

/** The period of `grain` that contains `date`. */
export function periodOf(date: string, grain: Grain, weekStartsOn: "monday" | "sunday" = "monday"): Period {
  const d = toUtc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (grain) {
    case "day":
      return { key: date, start: date, end: date };
    case "week": {
      const offset = weekStartsOn === "monday" ? (d.getUTCDay() + 6) % 7 : d.getUTCDay();
      const start = addDays(date, -offset);
      return { key: start, start, end: addDays(start, 6) };
    }
    case "month": {
      const start = fromUtc(new Date(Date.UTC(y, m, 1)));
      return { key: start.slice(0, 7), start, end: addDays(addMonths(start, 1), -1) };
    }
    case "quarter": {
      const q = Math.floor(m / 3);
      const start = fromUtc(new Date(Date.UTC(y, q * 3, 1)));
      return { key: `${y}-Q${q + 1}`, start, end: addDays(addMonths(start, 3), -1) };
    }
    case "year":
      return { key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

export function nextPeriod(p: Period, grain: Grain, weekStartsOn: "monday" | "sunday" = "monday"): Period {
  return periodOf(addDays(p.end, 1), grain, weekStartsOn);
}

export function previousPeriod(
  p: Period,
  grain: Grain,
  weekStartsOn: "monday" | "sunday" = "monday",
): Period {
  return periodOf(addDays(p.start, -1), grain, weekStartsOn);
}

/** Whole periods from the one containing `from` to the one containing `to`. */
export function periodsBetween(
  from: string,
  to: string,
  grain: Grain,
  weekStartsOn: "monday" | "sunday" = "monday",
): Period[] {
  if (to < from) throw new AppError("bad_request", `to: ${to} is before from ${from}`, { field: "to" });
  const out: Period[] = [];
  let p = periodOf(from, grain, weekStartsOn);
  while (p.start <= to) {
    out.push(p);
    if (out.length > MAX_PERIODS) {
      throw new AppError("bad_request", `grain: ${from}..${to} has more than ${MAX_PERIODS} ${grain}s`, {
        field: "grain",
      });
    }
    p = nextPeriod(p, grain, weekStartsOn);
  }
  return out;
}

/** The period of `grain` named `key` ("2026-03", "2026-Q1", "2026", "2026-03-30"). */
export function parsePeriodKey(
  key: string,
  grain: Grain,
  weekStartsOn: "monday" | "sunday" = "monday",
): Period {
  let date: string | undefined;
  if (grain === "day" || grain === "week") date = key;
  else if (grain === "month" && /^\d{4}-\d{2}$/.test(key)) date = `${key}-01`;
  else if (grain === "quarter") {
    const m = /^(\d{4})-Q([1-4])$/.exec(key);
    if (m) date = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
  } else if (grain === "year" && /^\d{4}$/.test(key)) date = `${key}-01-01`;
  if (!date || !isDate(date)) {
    throw new AppError("bad_request", `period: "${key}" is not a ${grain} (e.g. ${EXAMPLE_KEY[grain]})`, {
      field: "period",
    });
  }
  const period = periodOf(date, grain, weekStartsOn);
  if (period.key !== key) {
    throw new AppError(
      "bad_request",
      `period: "${key}" does not start a ${grain}; did you mean ${period.key}?`,
      {
        field: "period",
      },
    );
  }
  return period;
}

const EXAMPLE_KEY: Record<Grain, string> = {
  day: "2026-03-31",
  week: "2026-03-30",
  month: "2026-03",
  quarter: "2026-Q1",
  year: "2026",
};

/** Months in a period, for turning a period rate into a monthly one (a month is 30.4375 days). */
export function monthsIn(p: Period, grain: Grain): number {
  if (grain === "month") return 1;
  if (grain === "quarter") return 3;
  if (grain === "year") return 12;
  return (daysBetween(p.start, p.end) + 1) / 30.4375;
}

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}
