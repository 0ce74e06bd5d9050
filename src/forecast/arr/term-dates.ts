/**
 * Subscription terms. Revline's subscriptions carry no renewal date: a term is one billing
 * interval, so term k ends k intervals after `started_at` (months keep the start's day of month,
 * clamped to the month's last day: a term started Jan 31 ends Feb 28, then Mar 31).
 * Dates are local calendar dates (YYYY-MM-DD).
 */
export const TERM_INTERVALS = ["week", "month", "quarter", "year"] as const;
export type TermInterval = (typeof TERM_INTERVALS)[number];

const MONTHS: Record<TermInterval, number> = { week: 0, month: 1, quarter: 3, year: 12 };
const DAY_MS = 86_400_000;

const parts = (date: string) => date.split("-").map(Number) as [number, number, number];
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The end of term `k` (k ≥ 1) of a subscription started on `start`. */
export function termEnd(start: string, interval: TermInterval, k: number): string {
  const [y, m, d] = parts(start);
  if (interval === "week") return iso(Date.UTC(y, m - 1, d) + 7 * k * DAY_MS);
  const month = m - 1 + MONTHS[interval] * k;
  const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, month, Math.min(d, last)));
}

/** A first guess of how many terms fit between `start` and `date` (within one of the answer). */
function estimate(start: string, interval: TermInterval, date: string): number {
  const [y0, m0, d0] = parts(start);
  const [y1, m1, d1] = parts(date);
  if (interval === "week")
    return Math.floor((Date.UTC(y1, m1 - 1, d1) - Date.UTC(y0, m0 - 1, d0)) / (7 * DAY_MS));
  return Math.floor(((y1 - y0) * 12 + (m1 - m0)) / MONTHS[interval]);
}

/** How many terms ended strictly before `date` (the renewals a subscription went through by then). */
export function termsEndedBefore(start: string, interval: TermInterval, date: string): number {
  let k = Math.max(0, estimate(start, interval, date) - 1);
  while (termEnd(start, interval, k + 1) < date) k++;
  while (k > 0 && termEnd(start, interval, k) >= date) k--;
  return k;
}

/** The first term end on or after `date`: the next renewal of a subscription still running then. */
export function nextTermEnd(start: string, interval: TermInterval, date: string): string {
  return termEnd(start, interval, termsEndedBefore(start, interval, date) + 1);
}
