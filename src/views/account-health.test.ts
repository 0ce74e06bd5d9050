import { describe, expect, it } from "vitest";
import { accountHealth } from "./account-health.ts";

const calm = {
  lifecycleStage: "customer",
  daysSinceTouch: 3,
  openSeriousTickets: 0,
  overdueInvoices: 0,
  failedPaymentsLast90Days: 0,
  pastDueSubscriptions: 0,
};

describe("account health", () => {
  it("is 100 and healthy with no warning signs", () => {
    expect(accountHealth(calm)).toEqual({ score: 100, grade: "healthy", reasons: [] });
  });

  it("takes points off for each warning sign and says why", () => {
    expect(accountHealth({ ...calm, daysSinceTouch: 45 })).toMatchObject({ score: 90, grade: "healthy" });
    const risky = accountHealth({ ...calm, daysSinceTouch: 120, openSeriousTickets: 5, overdueInvoices: 2 });
    expect(risky.reasons).toEqual([
      { points: -25, reason: "No touch for 120 days" },
      { points: -30, reason: "5 open urgent or high-priority tickets" },
      { points: -20, reason: "2 overdue invoices" },
    ]);
    expect(risky).toMatchObject({ score: 25, grade: "at_risk" });
    expect(accountHealth({ ...calm, failedPaymentsLast90Days: 1, pastDueSubscriptions: 1 })).toMatchObject({
      score: 70,
      grade: "watch",
    });
  });

  it("never goes below zero; churn and never being touched weigh most", () => {
    const worst = accountHealth({
      lifecycleStage: "churned",
      daysSinceTouch: null,
      openSeriousTickets: 9,
      overdueInvoices: 1,
      failedPaymentsLast90Days: 1,
      pastDueSubscriptions: 1,
    });
    expect(worst.score).toBe(0);
    expect(worst.reasons.slice(0, 2).map((r) => r.reason)).toEqual([
      "Churned",
      "Never touched: no activity or touchpoint",
    ]);
  });
});
