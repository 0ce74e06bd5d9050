/**
 * What a dashboard shows, kept in its URL so a link reopens the same view:
 * `?from=2025-12&to=2026-11&grain=quarter&by=segment&drill=arr&drill_period=2026-11&drill_by=segment&drill_group=smb`.
 * Months are whole calendar months; a missing range means the twelve months up to today.
 */

export const DASHBOARD_GRAINS = ["month", "quarter"] as const;
export type DashboardGrain = (typeof DASHBOARD_GRAINS)[number];

export interface DrillTarget {
  /** The KPI whose value is opened. */
  key: string;
  /** The period key as the series shows it: 2026-03, 2026-Q1. */
  period: string;
  /** The dimension of `group` (the dashboard's slicing, or a chart's own breakdown). */
  by: string | null;
  /** The group's value; `(none)` for records without one. */
  group: string | null;
}

export interface DashboardState {
  /** First month shown, YYYY-MM; null for the default. */
  from: string | null;
  /** Last month shown, YYYY-MM; null for the current month. */
  to: string | null;
  grain: DashboardGrain;
  /** Dimension to slice by (segment, region, owner…); null for none. */
  by: string | null;
  drill: DrillTarget | null;
}

export interface DateRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (today when the range runs to the current month). */
  to: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIMENSION = /^[a-z_]{1,40}$/;

const month = (raw: string | null): string | null => (raw && MONTH.test(raw) ? raw : null);

export function parseDashboardState(params: URLSearchParams): DashboardState {
  const grain = params.get("grain");
  const by = params.get("by");
  const drillKey = params.get("drill");
  const drillPeriod = params.get("drill_period");
  const drillBy = params.get("drill_by");
  const drillGroup = params.get("drill_group");
  return {
    from: month(params.get("from")),
    to: month(params.get("to")),
    grain: DASHBOARD_GRAINS.includes(grain as DashboardGrain) ? (grain as DashboardGrain) : "month",
    by: by && DIMENSION.test(by) ? by : null,
    drill:
      drillKey && drillPeriod
        ? {
            key: drillKey,
            period: drillPeriod,
            // A group means nothing without its dimension.
            by: drillBy && DIMENSION.test(drillBy) && drillGroup !== null ? drillBy : null,
            group: drillBy && DIMENSION.test(drillBy) ? drillGroup : null,
          }
        : null,
  };
}

/** The URL parameters of a state; defaults are left out so plain links stay short. */
export function dashboardParams(state: DashboardState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.from) out.set("from", state.from);
  if (state.to) out.set("to", state.to);
  if (state.grain !== "month") out.set("grain", state.grain);
  if (state.by) out.set("by", state.by);
  if (state.drill) {
    out.set("drill", state.drill.key);
    out.set("drill_period", state.drill.period);
    if (state.drill.by && state.drill.group !== null) {
      out.set("drill_by", state.drill.by);
      out.set("drill_group", state.drill.group);
    }
  }
  return out;
}

/** YYYY-MM of a date, shifted by `delta` months. */
export function addMonths(ym: string, delta: number): string {
  const [y, m] = ym.split("-").map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Last day of a month, YYYY-MM-DD. */
export function monthEnd(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(day).padStart(2, "0")}`;
}

/**
 * The days a state covers, given today (YYYY-MM-DD in the workspace time zone): from the first
 * day of `from` (default: eleven months before `to`, so twelve months in all) to the last day of
 * `to`, or today when that is earlier. A range typed backwards is read forwards.
 */
export function resolveRange(state: Pick<DashboardState, "from" | "to">, today: string): DateRange {
  if (!DATE.test(today)) throw new RangeError(`today: not a date: ${today}`);
  const current = today.slice(0, 7);
  let to = state.to ?? current;
  let from = state.from ?? addMonths(to, -11);
  if (from > to) [from, to] = [to, from];
  const end = monthEnd(to);
  return { from: `${from}-01`, to: end < today ? end : today };
}

/** Today's date (YYYY-MM-DD) on the clocks of a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Query parameters of a KPI series over a range. */
export function seriesParams(
  range: DateRange,
  grain: DashboardGrain,
  by?: string | null,
): Record<string, string> {
  const out: Record<string, string> = { from: range.from, to: range.to, grain };
  if (by) out.by = by;
  return out;
}
