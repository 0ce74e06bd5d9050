import type { Foundation } from "./foundation.ts";
import { SALES_TEAM, type TeamKey } from "./people.ts";
import { SEGMENTS } from "./plan.ts";
import { createRandom, seedFrom } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { StatKind, Stats } from "./stats.ts";
import { addMonths, DAY, endOfMonth, isoDate, monthKey, monthsBetween } from "./time.ts";

const TEAM_KPIS: StatKind[] = ["bookings", "pipeline_created", "new_mrr", "deals_won"];
/** Targets are round numbers: $1,000 for bookings and pipeline, $100 for MRR, whole counts. */
const STEP: Record<string, number> = {
  bookings: 100_000,
  pipeline_created: 100_000,
  new_mrr: 10_000,
  expansion_mrr: 10_000,
  deals_won: 1,
  mqls: 1,
};
const COUNTS = new Set(["deals_won", "mqls"]);
const COMMISSION_RATE = 0.08;
const PARTNER_FEE_RATE = 0.15;

/**
 * Written after every account: targets set from what each team and rep actually did (so
 * attainment lands between about 80% and 120%), targets for the next months from the recent
 * trend, and the commissions and partner fees that bookings earned.
 */
export function buildEpilogue(f: Foundation, stats: Stats): Tables {
  const out: Tables = {};
  const { plan, people } = f;
  const random = createRandom(seedFrom(plan.seed, "targets"));
  const past = monthsBetween(plan.start, plan.now).map(monthKey);
  const future = [1, 2, 3].map((k) => monthKey(addMonths(plan.now, k)));
  const months = [...past, ...future];
  const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00Z`);
  // Month indexes grouped by calendar quarter (the first and last may be partial).
  const quarters: number[][] = [];
  months.forEach((month, i) => {
    const startsQuarter = /-(01|04|07|10)$/.test(month);
    if (i === 0 || startsQuarter) quarters.push([i]);
    else quarters[quarters.length - 1].push(i);
  });

  const target = (
    kpi: string,
    key: string,
    month: string,
    end: number,
    value: number,
    team: string | null,
    user: string | null,
  ) => {
    const created = Math.min(monthStart(month) - 20 * DAY, plan.now - DAY);
    emit(
      out,
      "targets",
      demoRecord(mintId("targets", created), `target-${kpi}-${key}-${month}`, created, created, {
        kpi,
        period_start: `${month}-01`,
        period_end: isoDate(end),
        value,
        currency: COUNTS.has(kpi) ? null : "USD",
        team_id: team,
        user_id: user,
      }),
    );
  };
  /** A goal near the actual; future months follow the last three months' average, growing. */
  const goal = (actual: (month: string) => number, i: number, step: number): number => {
    const basis =
      i < past.length - 1
        ? actual(months[i])
        : ((actual(past[past.length - 2]) + actual(past[past.length - 3]) + actual(past[past.length - 4])) /
            3) *
          1.04 ** (i - past.length + 2);
    return Math.max(step, Math.round((basis * random.between(0.85, 1.2)) / step) * step);
  };

  const monthly = (kpi: StatKind, key: string, actual: (month: string) => number, team: string | null) => {
    const step = STEP[kpi];
    months.forEach((month, i) => {
      target(kpi, key, month, endOfMonth(monthStart(month)), goal(actual, i, step), team, null);
    });
  };

  for (const segment of SEGMENTS) {
    const team: TeamKey = SALES_TEAM[segment];
    const reps = people.reps[segment];
    for (const kpi of TEAM_KPIS) {
      const actual = (month: string) => reps.reduce((sum, rep) => sum + stats.get(kpi, rep.id, month), 0);
      monthly(kpi, team.replaceAll("_", "-"), actual, people.teams[team]);
    }
    for (const rep of reps) {
      for (const kpi of ["bookings", "pipeline_created"] as const) {
        const actual = (month: string) => stats.get(kpi, rep.id, month);
        for (const quarter of quarters) {
          const value = quarter.reduce((sum, i) => sum + goal(actual, i, 1), 0);
          const end = endOfMonth(monthStart(months[quarter[quarter.length - 1]]));
          const rounded = Math.max(STEP[kpi], Math.round(value / STEP[kpi]) * STEP[kpi]);
          target(kpi, rep.key, months[quarter[0]], end, rounded, people.teams[team], rep.id);
        }
      }
    }
  }
  monthly("expansion_mrr", "company", (month) => stats.get("expansion_mrr", "all", month), null);
  monthly("mqls", "marketing", (month) => stats.get("mqls", "all", month), people.teams.marketing);

  for (const month of past) {
    const end = Math.min(endOfMonth(monthStart(month)), plan.now);
    const bookings = people.everyone.reduce((sum, p) => sum + stats.get("bookings", p.id, month), 0);
    const fees: Array<[string, string, number]> = [
      ["sales_commissions", "Sales commissions on bookings", bookings * COMMISSION_RATE],
      [
        "partner_fees",
        "Referral and resale fees to partners",
        stats.get("partner_bookings", "all", month) * PARTNER_FEE_RATE,
      ],
    ];
    for (const [category, description, amount] of fees) {
      if (amount <= 0) continue;
      emit(
        out,
        "costs",
        demoRecord(mintId("costs", end), `cost-${category.replaceAll("_", "-")}-${month}`, end, end, {
          category,
          campaign_id: null,
          description,
          amount_minor: Math.round(amount),
          currency: "USD",
          incurred_on: isoDate(end),
        }),
      );
    }
  }
  return out;
}
