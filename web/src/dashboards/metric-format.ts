import type { SeriesPoint, Unit } from "./dashboard-types.ts";

/**
 * How a KPI value reads: money in the reporting currency, rates as %, ratios as ×, durations
 * with their unit. The API sends money in major units and rates as fractions (0.25).
 */

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

function money(value: number, currency: string, compact: boolean): string {
  try {
    return numberFormat(
      `${currency}:${compact}`,
      () =>
        new Intl.NumberFormat(undefined, {
          style: "currency",
          currency,
          ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
        }),
    ).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

const plain = (value: number, digits: number) =>
  numberFormat(
    `n:${digits}`,
    () => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }),
  ).format(value);

export interface FormatOptions {
  /** $1.2M rather than $1,234,567.00 (tiles and axes). */
  compact?: boolean;
}

export function formatMetric(
  value: number | null | undefined,
  unit: Unit,
  currency: string,
  options: FormatOptions = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const compact = options.compact ?? false;
  switch (unit) {
    case "money":
      return money(value, currency, compact);
    case "money_per_day":
      return `${money(value, currency, compact)}/day`;
    case "rate":
      return `${plain(value * 100, 1)}%`;
    case "ratio":
      return `${plain(value, 2)}×`;
    case "count":
      return plain(value, compact ? 1 : 2);
    case "days":
      return `${plain(value, 1)} ${value === 1 ? "day" : "days"}`;
    case "hours":
      return `${plain(value, 1)} h`;
    case "months":
      return `${plain(value, 1)} ${value === 1 ? "month" : "months"}`;
  }
}

export interface Change {
  /** "+12.5%" for levels, "+2.1 pts" for rates. */
  text: string;
  direction: "up" | "down" | "flat";
  /** Whether the move is good news given which way is better; null when flat. */
  good: boolean | null;
}

/**
 * The change from the previous period: relative (%) for amounts and counts, in percentage
 * points for rates (a churn rate going 2 % → 3 % is +1 pt, not +50 %). Null when either value
 * is missing, or a relative change would divide by zero.
 */
export function periodChange(
  value: number | null,
  previous: number | null,
  unit: Unit,
  better: "higher" | "lower",
): Change | null {
  if (value === null || previous === null) return null;
  const diff = value - previous;
  const direction = Math.abs(diff) < 1e-9 ? "flat" : diff > 0 ? "up" : "down";
  const good = direction === "flat" ? null : (direction === "up") === (better === "higher");
  const sign = diff > 0 ? "+" : diff < 0 ? "−" : "";
  if (unit === "rate") return { text: `${sign}${plain(Math.abs(diff) * 100, 1)} pts`, direction, good };
  if (previous === 0) return direction === "flat" ? { text: "0%", direction, good } : null;
  return { text: `${sign}${plain(Math.abs(diff / previous) * 100, 1)}%`, direction, good };
}

/** "82% of target" — how far the value is along its target. */
export function attainmentText(point: Pick<SeriesPoint, "attainment">): string | null {
  if (point.attainment === null || point.attainment === undefined || !Number.isFinite(point.attainment))
    return null;
  return `${plain(point.attainment * 100, 0)}% of target`;
}

/** A period key for people: 2026-03 → Mar 2026; 2026-Q1 stays. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    date,
  );
}
