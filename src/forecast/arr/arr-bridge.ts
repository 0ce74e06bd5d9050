import type { Period } from "../../metrics/periods.ts";
import { type TermInterval, termEnd, termsEndedBefore } from "./term-dates.ts";

/** A subscription in force today, with its next renewal and the probability it renews then. */
export interface BridgeSubscription {
  id: string;
  accountId: string;
  account: string;
  /** Annual recurring revenue in reporting minor units. */
  arr: number;
  startedOn: string;
  interval: TermInterval;
  /** The next renewal (or the scheduled cancellation): on or after today. */
  renewalDate: string;
  /** Probability each renewal in the horizon happens (0 when a cancellation is scheduled). */
  probability: number;
  reasons: string[];
  /** A scheduled cancellation ends it on `renewalDate`: no later renewal. */
  ends: boolean;
}

/** An open deal that brings new or expansion ARR when won. */
export interface BridgeDeal {
  kind: "new" | "expansion";
  /** Annual value in reporting minor units. */
  arr: number;
  probability: number;
  expectedClose: string;
}

export interface BridgeMonth {
  period: string;
  contracted: number;
  expected_churn: number;
  expected_new: number;
  expected_expansion: number;
  forecast: number;
  renewals_due: { count: number; arr: number };
}

export interface RiskyRenewal {
  subscription_id: string;
  account_id: string;
  account: string;
  arr: number;
  renewal_date: string;
  probability: number;
  expected_loss: number;
  reasons: string[];
}

/**
 * The ARR bridge, month by month, in minor units:
 * - contracted: the ARR of the subscriptions in force today (the same every month: the base);
 * - expected_churn: Σ over the renewals falling in the month of ARR × P(still there) × (1 − p),
 *   where P(still there) is the product of p over the subscription's earlier renewals in the
 *   horizon (a monthly subscription faces a renewal every month);
 * - expected_new / expected_expansion: Σ win probability × annual value of the open deals
 *   expected to close in the month (one expected before the first month lands in it);
 * - forecast = contracted − churn so far + new and expansion so far.
 * renewals_due counts the renewals in the month and their full ARR. Riskiest: each
 * subscription's next renewal in the horizon, lowest probability first, then largest ARR.
 */
export function arrBridge(
  months: Period[],
  subscriptions: BridgeSubscription[],
  deals: BridgeDeal[],
  riskiest = 10,
): { contracted: number; months: BridgeMonth[]; riskiest: RiskyRenewal[] } {
  const contracted = subscriptions.reduce((s, x) => s + x.arr, 0);
  const rows = months.map((m) => ({
    period: m.key,
    contracted,
    expected_churn: 0,
    expected_new: 0,
    expected_expansion: 0,
    forecast: 0,
    renewals_due: { count: 0, arr: 0 },
  }));
  const last = months[months.length - 1]?.end ?? "";
  const monthOf = (date: string) => {
    if (months.length === 0 || date > last) return -1;
    const i = months.findIndex((m) => date <= m.end);
    return i;
  };
  const risky: RiskyRenewal[] = [];
  for (const sub of subscriptions) {
    let alive = 1;
    let date = sub.renewalDate;
    let k = sub.ends ? 0 : termsEndedBefore(sub.startedOn, sub.interval, date) + 1;
    let first = true;
    while (date <= last) {
      const row = rows[monthOf(date)];
      row.expected_churn += sub.arr * alive * (1 - sub.probability);
      row.renewals_due.count += 1;
      row.renewals_due.arr += sub.arr;
      if (first) {
        risky.push({
          subscription_id: sub.id,
          account_id: sub.accountId,
          account: sub.account,
          arr: sub.arr,
          renewal_date: date,
          probability: sub.probability,
          expected_loss: sub.arr * (1 - sub.probability),
          reasons: sub.reasons,
        });
        first = false;
      }
      alive *= sub.probability;
      if (sub.ends || alive === 0) break;
      k += 1;
      date = termEnd(sub.startedOn, sub.interval, k);
    }
  }
  for (const deal of deals) {
    if (months.length === 0) continue;
    const i = deal.expectedClose < months[0].start ? 0 : monthOf(deal.expectedClose);
    if (i < 0) continue;
    const value = deal.arr * deal.probability;
    if (deal.kind === "expansion") rows[i].expected_expansion += value;
    else rows[i].expected_new += value;
  }
  let level = contracted;
  for (const row of rows) {
    level += row.expected_new + row.expected_expansion - row.expected_churn;
    row.forecast = level;
  }
  risky.sort(
    (a, b) =>
      b.expected_loss - a.expected_loss ||
      a.probability - b.probability ||
      (a.subscription_id < b.subscription_id ? -1 : 1),
  );
  return { contracted, months: rows, riskiest: risky.slice(0, riskiest) };
}
