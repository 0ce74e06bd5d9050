import { describe, expect, it } from "vitest";
import { periodOf } from "../../metrics/periods.ts";
import type { DealHistory } from "../deals/deal-history.ts";
import { forecastFromDeals } from "../deals/forecast-deals.ts";
import { plainWorkspace } from "../deals/testing-workspace.ts";
import { type ForecastCall, forecastPeriod } from "./period-forecast.ts";

const at = (iso: string) => Date.parse(iso);
const change = (
  iso: string,
  stage: string,
  closeDate: string,
  amount: number,
  forecastCategory = "pipeline",
) => ({
  at: at(iso),
  stage,
  amount,
  currency: "USD",
  closeDate,
  forecastCategory,
});
function deal(id: string, ownerId: string, extra: Partial<DealHistory>): DealHistory {
  return {
    id,
    name: id,
    type: "new",
    leadSource: "web",
    ownerId,
    teamId: ownerId === "u1" ? "t1" : "t2",
    currency: "USD",
    openedAt: at("2026-01-01T00:00:00Z"),
    closedAt: null,
    outcome: null,
    stage: "proposal",
    amount: 0,
    closeDate: null,
    forecastCategory: "pipeline",
    probability: null,
    changes: [],
    activities: [],
    ...extra,
  };
}

/*
 * UTC, USD, today 2026-11-15, forecasting 2026-Q4. Too little history for the model, so every
 * method uses stage probabilities:
 * - six deals went through proposal (Jan 1) and closed Feb 1: four won → proposal wins 4/6;
 * - W1 (u1) was opened Oct 1 in negotiation and won Oct 10: 1,000.00 closed in Q4;
 * - open, all in proposal: A (u1) 600.00 due Nov 30, commit, entered Nov 1;
 *   B (u2) 300.00 due Oct 31 (overdue → counts in this quarter), best case, entered Oct 1;
 *   C (u2) 900.00 due Jan 15 2027 (next quarter), pipeline, entered Nov 10.
 * Weighted: 1,000 + (600 + 300) × 4/6 = 1,600. Model: expected close is entry + 31 days (the
 * winners' median from proposal), never before today: A Dec 2, B today, C Dec 11 — all in Q4 →
 * 1,000 + (600 + 300 + 900) × 4/6 = 2,200. Stage conversion: too few deals through proposal for
 * its own timing, so its win rate times the share of wins that took ≤ 47 days (all five) →
 * 1,000 + 1,800 × 4/6 = 2,200. Categories: commit 600, best case 300, commit total 1,600,
 * best-case total 1,900.
 */
const closed = [0, 1, 2, 3, 4, 5].map((i) =>
  deal(`c${i}`, "u1", {
    changes: [
      change("2026-01-01T00:00:00Z", "proposal", "2026-02-01", 100_00),
      change("2026-02-01T00:00:00Z", i < 4 ? "closed_won" : "closed_lost", "2026-02-01", 100_00),
    ],
    closedAt: at("2026-02-01T00:00:00Z"),
    outcome: i < 4 ? "won" : "lost",
  }),
);
const w1 = deal("w1", "u1", {
  openedAt: at("2026-10-01T00:00:00Z"),
  changes: [
    change("2026-10-01T00:00:00Z", "negotiation", "2026-10-15", 1000_00, "commit"),
    change("2026-10-10T00:00:00Z", "closed_won", "2026-10-10", 1000_00, "closed"),
  ],
  closedAt: at("2026-10-10T00:00:00Z"),
  outcome: "won",
});
const a = deal("a", "u1", {
  openedAt: at("2026-11-01T00:00:00Z"),
  changes: [change("2026-11-01T00:00:00Z", "proposal", "2026-11-30", 600_00, "commit")],
});
const b = deal("b", "u2", {
  openedAt: at("2026-10-01T00:00:00Z"),
  changes: [change("2026-10-01T00:00:00Z", "proposal", "2026-10-31", 300_00, "best_case")],
});
const c = deal("c", "u2", {
  openedAt: at("2026-11-10T00:00:00Z"),
  changes: [change("2026-11-10T00:00:00Z", "proposal", "2027-01-15", 900_00)],
});
const f = forecastFromDeals(plainWorkspace(), [...closed, w1, a, b, c], at("2026-11-15T00:00:00Z"));
const q4 = periodOf("2026-11-15", "quarter");
const calls: ForecastCall[] = [
  {
    scope: "company",
    scopeId: null,
    amount: 1500_00,
    submittedBy: "u9",
    submittedAt: "2026-11-14T00:00:00.000Z",
    note: null,
  },
  {
    scope: "company",
    scopeId: null,
    amount: 1200_00,
    submittedBy: "u9",
    submittedAt: "2026-11-01T00:00:00.000Z",
    note: null,
  },
  {
    scope: "owner",
    scopeId: "u3",
    amount: 50_00,
    submittedBy: "u3",
    submittedAt: "2026-11-02T00:00:00.000Z",
    note: "new rep",
  },
];

describe("period forecast (by hand)", () => {
  it("adds closed bookings to each method's expectation from open deals, for the company", () => {
    expect(f.model.method).toBe("stage_fallback");
    const [company] = forecastPeriod(f, q4, "company", calls);
    expect(company.closed).toBe(1000_00);
    expect(company.methods.weighted).toBeCloseTo(1600_00, 6);
    expect(company.methods.model).toBeCloseTo(2200_00, 6);
    expect(company.methods.stage_conversion).toBeCloseTo(2200_00, 6);
    expect(company.categories).toEqual({
      closed: 1000_00,
      commit: 600_00,
      best_case: 300_00,
      pipeline: 0,
      commit_total: 1600_00,
      best_case_total: 1900_00,
    });
    expect(company.openDeals).toBe(2);
    expect(company.call?.amount).toBe(1500_00);
  });

  it("splits by owner, and shows an owner with only a call", () => {
    const groups = forecastPeriod(f, q4, "owner", calls);
    expect(groups.map((g) => g.group)).toEqual(["u1", "u2", "u3"]);
    expect(groups[0].closed).toBe(1000_00);
    expect(groups[0].methods.weighted).toBeCloseTo(1400_00, 6);
    expect(groups[1].methods.weighted).toBeCloseTo(200_00, 6);
    expect(groups[1].methods.model).toBeCloseTo(800_00, 6);
    expect(groups[2]).toMatchObject({ closed: 0, openDeals: 0, call: { amount: 50_00, note: "new rep" } });
  });

  it("a later quarter gets only what is due in it", () => {
    const [company] = forecastPeriod(f, periodOf("2027-01-01", "quarter"), "company", []);
    expect(company.closed).toBe(0);
    expect(company.methods.weighted).toBeCloseTo(600_00, 6);
    expect(company.methods.model).toBe(0);
  });
});
