import type { SeriesPoint } from "./dashboard-types.ts";

/** The API's name for records without a value of the dimension. */
export const NONE_GROUP = "(none)";

export interface GroupInfo {
  /** The group's value as the drill-down API takes it. */
  group: string;
  /** What people read: the record's name for owners and campaigns, the value otherwise. */
  label: string;
  /** Its value in the last period. */
  value: number | null;
}

/** The periods of a series in order (one point per period, or several when grouped). */
export function periodsOf(points: SeriesPoint[]): string[] {
  return [...new Set(points.map((p) => p.period))];
}

/**
 * The groups of a sliced series, largest value in the last period first (missing values
 * last), at most `limit` of them.
 */
export function topGroups(points: SeriesPoint[], limit = 5): GroupInfo[] {
  const periods = periodsOf(points);
  const last = periods[periods.length - 1];
  const byGroup = new Map<string, GroupInfo>();
  for (const p of points) {
    const group = p.group ?? NONE_GROUP;
    const info = byGroup.get(group) ?? { group, label: p.label ?? group, value: null };
    if (p.period === last) info.value = p.value;
    byGroup.set(group, info);
  }
  return [...byGroup.values()]
    .sort(
      (a, b) =>
        (b.value === null ? -1 : 0) - (a.value === null ? -1 : 0) ||
        Math.abs(b.value ?? 0) - Math.abs(a.value ?? 0) ||
        a.label.localeCompare(b.label),
    )
    .slice(0, limit);
}

/** One row per period with a column per group (`g0`, `g1`…, in the order given), for a chart. */
export function pivotByGroup(points: SeriesPoint[], groups: GroupInfo[]): Array<Record<string, unknown>> {
  const column = new Map(groups.map((g, i) => [g.group, `g${i}`]));
  const rows = new Map<string, Record<string, unknown>>();
  for (const period of periodsOf(points)) rows.set(period, { period });
  for (const p of points) {
    const key = column.get(p.group ?? NONE_GROUP);
    if (key) rows.get(p.period)![key] = p.value;
  }
  return [...rows.values()];
}

/** Whether a series has any value to show. */
export const hasValues = (points: SeriesPoint[]): boolean => points.some((p) => p.value !== null);
