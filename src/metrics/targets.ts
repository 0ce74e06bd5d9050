import type { Db } from "../db/types.ts";
import type { MetricDef } from "./definition.ts";
import type { FxTable } from "./fx.ts";
import { daysBetween, earlierDate, laterDate, type Period } from "./periods.ts";

export interface TargetRow {
  kpi: string;
  period_start: string;
  period_end: string;
  value: number;
  currency: string | null;
  team_id: string | null;
  user_id: string | null;
}

/** Targets of some KPIs overlapping [from, to]; `above_users` leaves out users' own targets. */
export async function loadTargets(
  db: Db,
  workspaceId: string,
  kpis: readonly string[],
  from: string,
  to: string,
  levels: "all" | "above_users" = "all",
) {
  if (kpis.length === 0) return [];
  let query = db.selectFrom("targets");
  if (levels === "above_users") query = query.where("user_id", "is", null);
  return (await query
    .select(["kpi", "period_start", "period_end", "value", "currency", "team_id", "user_id"])
    .where("workspace_id", "=", workspaceId)
    .where("kpi", "in", [...kpis])
    .where("period_end", ">=", from)
    .where("period_start", "<=", to)
    .orderBy("period_start")
    .orderBy("created_at")
    .execute()) as TargetRow[];
}

/** Whose targets apply: the company's (no group), a team's or a user's. */
export type TargetScope =
  | { level: "company" }
  | { level: "team"; id: string | null }
  | { level: "owner"; id: string | null };

/**
 * The rows at the level asked for; when a level has none, the level below adds up to it
 * (teams make the company, users make a team) — except for rates, which do not add.
 */
function atLevel(rows: TargetRow[], scope: TargetScope, additive: boolean): TargetRow[] {
  const company = rows.filter((r) => !r.team_id && !r.user_id);
  const teams = rows.filter((r) => r.team_id && !r.user_id);
  const users = rows.filter((r) => r.user_id);
  if (scope.level === "company") {
    if (company.length || !additive) return company;
    return teams.length ? teams : users;
  }
  if (scope.level === "team") {
    const own = teams.filter((r) => r.team_id === scope.id);
    return own.length || !additive ? own : users.filter((r) => r.team_id === scope.id);
  }
  return users.filter((r) => r.user_id === scope.id);
}

/**
 * The target of one period, in the KPI's units (money in reporting minor units): `sum` prorates
 * every overlapping target by the days it shares with the period and adds them up; `end` adds
 * the targets in force on the period's last day; `level` takes the latest one in force then.
 */
export function targetOf(
  def: MetricDef,
  rows: TargetRow[],
  period: Period,
  scope: TargetScope,
  fx: FxTable,
  rateDay: string,
): number | null {
  const combine = def.targets?.combine ?? "sum";
  const candidates = atLevel(rows, scope, combine !== "level");
  const money = def.unit === "money" || def.unit === "money_per_day";
  const convert = (r: TargetRow, value: number) => {
    if (!money) return value;
    const factor = fx.factor(r.currency ?? fx.reporting, rateDay);
    return factor === undefined ? Number.NaN : value * factor;
  };
  if (combine === "sum") {
    const overlapping = candidates.filter(
      (r) => r.period_start <= period.end && r.period_end >= period.start,
    );
    if (overlapping.length === 0) return null;
    return overlapping.reduce((sum, r) => {
      const from = laterDate(r.period_start, period.start);
      const to = earlierDate(r.period_end, period.end);
      const share = (daysBetween(from, to) + 1) / (daysBetween(r.period_start, r.period_end) + 1);
      return sum + convert(r, r.value * share);
    }, 0);
  }
  const inForce = candidates.filter((r) => r.period_start <= period.end && r.period_end >= period.end);
  if (inForce.length === 0) return null;
  if (combine === "end") return inForce.reduce((sum, r) => sum + convert(r, r.value), 0);
  const latest = inForce[inForce.length - 1];
  return convert(latest, latest.value);
}
