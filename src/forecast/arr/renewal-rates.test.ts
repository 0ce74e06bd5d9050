import { describe, expect, it } from "vitest";
import { adjustForRisk } from "./churn-risk.ts";
import { learnRenewalRates } from "./renewal-rates.ts";
import { nextTermEnd, termEnd, termsEndedBefore } from "./term-dates.ts";

/*
 * Past terms: monthly smb 8 renewed + 1 churned and a second smb subscription that churned at
 * its first renewal (8 of 10); monthly enterprise 10 of 10; yearly smb 1 of 2.
 * Monthly over every segment: (18 + 1) / (20 + 2) = 19/22.
 * smb monthly: (8 + 10 × 19/22) / (10 + 10) = 366/440; enterprise monthly: (10 + 190/22) / 20 = 410/440.
 * Yearly: (1 + 1) / (2 + 2) = 1/2; smb yearly (1 + 10 × 1/2) / (2 + 10) = 1/2.
 */
const rates = learnRenewalRates([
  { segment: "smb", interval: "month", renewed: 8, churned: 1 },
  { segment: "smb", interval: "month", renewed: 0, churned: 1 },
  { segment: "enterprise", interval: "month", renewed: 10, churned: 0 },
  { segment: "smb", interval: "year", renewed: 1, churned: 1 },
]);

describe("renewal probability, smoothed (by hand)", () => {
  it("shrinks each segment towards its interval's Laplace-smoothed rate", () => {
    expect(rates.probability("smb", "month")).toBeCloseTo(366 / 440, 12);
    expect(rates.probability("enterprise", "month")).toBeCloseTo(410 / 440, 12);
    expect(rates.probability("smb", "year")).toBeCloseTo(0.5, 12);
  });

  it("falls back to the interval's rate for an unseen segment, and to 1/2 with no history", () => {
    expect(rates.probability("mid_market", "month")).toBeCloseTo(19 / 22, 12);
    expect(rates.probability(null, "quarter")).toBe(0.5);
  });

  it("shows the counts each rate rests on", () => {
    expect(rates.table.map((r) => [r.segment, r.interval, r.renewed, r.terms])).toEqual([
      ["enterprise", "month", 10, 10],
      ["smb", "month", 8, 10],
      ["smb", "year", 1, 2],
      [null, "month", 18, 20],
      [null, "year", 1, 2],
    ]);
  });
});

describe("churn-risk adjustment", () => {
  const none = {
    scheduledEnd: null,
    pastDue: false,
    urgentTickets: 0,
    recentActivities: 5,
    priorActivities: 6,
  };

  it("leaves a quiet account's probability alone", () => {
    expect(adjustForRisk(0.9, none)).toEqual({ probability: 0.9, reasons: [] });
  });

  it("compounds past due × 0.7, open urgent tickets × 0.85 and falling activity × 0.9", () => {
    const r = adjustForRisk(0.9, { ...none, pastDue: true, urgentTickets: 2, recentActivities: 1 });
    expect(r.probability).toBeCloseTo(0.9 * 0.7 * 0.85 * 0.9, 12);
    expect(r.reasons).toEqual([
      "payment past due",
      "2 open high-priority tickets",
      "activities down from 6 to 1 (last 90 days vs the 90 before)",
    ]);
  });

  it("makes a scheduled cancellation certain churn", () => {
    expect(adjustForRisk(0.95, { ...none, scheduledEnd: "2027-02-01" })).toEqual({
      probability: 0,
      reasons: ["cancellation scheduled for 2027-02-01"],
    });
  });
});

describe("subscription terms", () => {
  it("steps by the billing interval from the start, clamping to the month's end", () => {
    expect(termEnd("2026-01-31", "month", 1)).toBe("2026-02-28");
    expect(termEnd("2026-01-31", "month", 2)).toBe("2026-03-31");
    expect(termEnd("2024-02-29", "year", 1)).toBe("2025-02-28");
    expect(termEnd("2026-11-02", "week", 2)).toBe("2026-11-16");
    expect(termEnd("2026-11-30", "quarter", 1)).toBe("2027-02-28");
  });

  it("counts the terms ended before a date and finds the next renewal on or after it", () => {
    expect(termsEndedBefore("2026-01-31", "month", "2026-03-31")).toBe(1);
    expect(termsEndedBefore("2026-01-31", "month", "2026-04-01")).toBe(2);
    expect(termsEndedBefore("2024-02-10", "year", "2026-11-15")).toBe(2);
    expect(nextTermEnd("2026-01-31", "month", "2026-03-31")).toBe("2026-03-31");
    expect(nextTermEnd("2024-02-10", "year", "2026-11-15")).toBe("2027-02-10");
    expect(nextTermEnd("2026-11-02", "week", "2026-11-10")).toBe("2026-11-16");
  });
});
