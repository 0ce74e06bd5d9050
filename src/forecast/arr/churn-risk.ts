/** What the data says about an account's risk of not renewing, as of today. */
export interface RiskSignals {
  /** The local date a cancellation is scheduled for (cancel_at, or a future ended_at), if any. */
  scheduledEnd: string | null;
  /** The subscription's current status is past_due. */
  pastDue: boolean;
  /** The account's open tickets of high or urgent priority. */
  urgentTickets: number;
  /** The account's activities in the last 90 days, and in the 90 days before. */
  recentActivities: number;
  priorActivities: number;
}

/**
 * Multipliers applied to the learnt renewal probability, one per signal present (they compound).
 * A scheduled cancellation is not a risk but a fact: the probability is 0.
 */
export const RISK_FACTORS = {
  past_due: 0.7,
  urgent_tickets: 0.85,
  activity_drop: 0.9,
} as const;

/** Activity counts as falling when the last 90 days hold less than half the 90 before, from at least this many. */
export const ACTIVITY_DROP_MIN_PRIOR = 4;

export function adjustForRisk(
  probability: number,
  s: RiskSignals,
): { probability: number; reasons: string[] } {
  if (s.scheduledEnd !== null)
    return { probability: 0, reasons: [`cancellation scheduled for ${s.scheduledEnd}`] };
  let p = probability;
  const reasons: string[] = [];
  if (s.pastDue) {
    p *= RISK_FACTORS.past_due;
    reasons.push("payment past due");
  }
  if (s.urgentTickets > 0) {
    p *= RISK_FACTORS.urgent_tickets;
    reasons.push(`${s.urgentTickets} open high-priority ticket${s.urgentTickets === 1 ? "" : "s"}`);
  }
  if (s.priorActivities >= ACTIVITY_DROP_MIN_PRIOR && s.recentActivities * 2 < s.priorActivities) {
    p *= RISK_FACTORS.activity_drop;
    reasons.push(
      `activities down from ${s.priorActivities} to ${s.recentActivities} (last 90 days vs the 90 before)`,
    );
  }
  return { probability: p, reasons };
}
