import type { SubscriptionItem } from "./objects/finance.objects.ts";

/** Months in one billing interval; a week is 12/52 of a month. */
const MONTHS_PER_INTERVAL: Record<string, number> = { week: 12 / 52, month: 1, quarter: 3, year: 12 };

/**
 * Monthly recurring revenue of a set of items billed every `interval`, in minor units:
 * Σ quantity × unit amount, divided by the interval's length in months, rounded to the unit.
 */
export function monthlyRecurringRevenue(items: SubscriptionItem[], interval: string): number {
  const months = MONTHS_PER_INTERVAL[interval];
  if (months === undefined) throw new Error(`Unknown billing interval ${interval}`);
  const perInterval = items.reduce((sum, item) => sum + item.quantity * item.unit_amount_minor, 0);
  return Math.round(perInterval / months);
}
