/**
 * Account health: a 0–100 score that anyone can recompute by hand. It starts at 100 and each
 * warning sign below takes points off; the reasons are returned with the score, so the page
 * says why an account is at risk. Grades: 75–100 healthy, 50–74 watch, below 50 at risk.
 *
 * | sign                                                    | points |
 * |---------------------------------------------------------|--------|
 * | churned (lifecycle stage `churned`)                     | −50    |
 * | no touch (activity or touchpoint) for 90+ days, or never | −25    |
 * | no touch for 30–89 days                                 | −10    |
 * | each open urgent or high-priority ticket (at most 3)    | −10    |
 * | an invoice past its due date and still open             | −20    |
 * | a payment failed in the last 90 days                    | −15    |
 * | a subscription past due                                 | −15    |
 */
export interface HealthFacts {
  lifecycleStage: string | null;
  /** Days since the last activity or touchpoint; null when there was none. */
  daysSinceTouch: number | null;
  openSeriousTickets: number;
  overdueInvoices: number;
  failedPaymentsLast90Days: number;
  pastDueSubscriptions: number;
}

export type HealthGrade = "healthy" | "watch" | "at_risk";

export interface Health {
  score: number;
  grade: HealthGrade;
  reasons: Array<{ points: number; reason: string }>;
}

export function accountHealth(facts: HealthFacts): Health {
  const reasons: Health["reasons"] = [];
  const take = (points: number, reason: string) => reasons.push({ points: -points, reason });
  if (facts.lifecycleStage === "churned") take(50, "Churned");
  if (facts.daysSinceTouch === null) take(25, "Never touched: no activity or touchpoint");
  else if (facts.daysSinceTouch >= 90) take(25, `No touch for ${facts.daysSinceTouch} days`);
  else if (facts.daysSinceTouch >= 30) take(10, `No touch for ${facts.daysSinceTouch} days`);
  const tickets = Math.min(facts.openSeriousTickets, 3);
  if (tickets > 0)
    take(
      10 * tickets,
      `${facts.openSeriousTickets} open urgent or high-priority ticket${facts.openSeriousTickets === 1 ? "" : "s"}`,
    );
  if (facts.overdueInvoices > 0)
    take(20, `${facts.overdueInvoices} overdue invoice${facts.overdueInvoices === 1 ? "" : "s"}`);
  if (facts.failedPaymentsLast90Days > 0)
    take(
      15,
      `${facts.failedPaymentsLast90Days} failed payment${facts.failedPaymentsLast90Days === 1 ? "" : "s"} in 90 days`,
    );
  if (facts.pastDueSubscriptions > 0) take(15, "Subscription past due");
  const score = Math.max(0, 100 + reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, grade: score >= 75 ? "healthy" : score >= 50 ? "watch" : "at_risk", reasons };
}
