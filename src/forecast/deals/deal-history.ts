/**
 * A deal and its recorded changes as plain data: the only input of the win-probability model,
 * whether it comes from the workspace's tables (load-deals.ts) or from a plain table (a CRM
 * export, see plain-table.ts). Instants are epoch milliseconds, amounts minor units.
 */
export interface DealChange {
  at: number;
  stage: string;
  amount: number | null;
  currency: string | null;
  closeDate: string | null;
  forecastCategory: string | null;
}

export interface DealHistory {
  id: string;
  name: string;
  type: string;
  /** Where the deal came from (the primary contact's lead source, else the campaign channel). */
  leadSource: string;
  ownerId: string | null;
  teamId: string | null;
  currency: string;
  openedAt: number;
  /** When it was won or lost (the final close); null while open. */
  closedAt: number | null;
  outcome: "won" | "lost" | null;
  /** The current record's fields: used only when the deal has no recorded change. */
  stage: string;
  amount: number;
  closeDate: string | null;
  forecastCategory: string;
  /** The probability typed on the record (a configured stage probability), percent. */
  probability: number | null;
  /** Recorded changes, oldest first. */
  changes: DealChange[];
  /** Activity instants, oldest first. */
  activities: number[];
}

/** What a deal looked like at an instant, from its history only. */
export interface DealState {
  open: boolean;
  won: boolean;
  stage: string;
  amount: number;
  currency: string;
  closeDate: string | null;
  forecastCategory: string;
  stageEnteredAt: number;
  /** How many times the close date moved later, and the stage moved back, before the instant. */
  slips: number;
  regressions: number;
}

/** The number of elements of a sorted array that are ≤ t. */
export function countAtOrBefore(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The deal as of instant `t`, or undefined when it did not exist yet. Stage, amount, close date
 * and category are the latest recorded values at or before `t`; `stageOrder` ranks open stages to
 * count regressions (stages it does not list are never regressions).
 */
export function stateAt(deal: DealHistory, t: number, stageOrder: readonly string[]): DealState | undefined {
  if (deal.openedAt > t) return undefined;
  const closed = deal.closedAt !== null && deal.closedAt <= t;
  let stage = deal.changes.length ? deal.changes[0].stage : deal.stage;
  let amount = deal.changes.length ? (deal.changes[0].amount ?? deal.amount) : deal.amount;
  let currency = deal.changes[0]?.currency ?? deal.currency;
  let closeDate = deal.changes.length ? deal.changes[0].closeDate : deal.closeDate;
  let forecastCategory = deal.changes[0]?.forecastCategory ?? deal.forecastCategory;
  let stageEnteredAt = deal.openedAt;
  let slips = 0;
  let regressions = 0;
  for (let i = 0; i < deal.changes.length; i++) {
    const c = deal.changes[i];
    if (c.at > t) break;
    if (i > 0) {
      if (c.stage !== stage) {
        const from = stageOrder.indexOf(stage);
        const to = stageOrder.indexOf(c.stage);
        if (from >= 0 && to >= 0 && to < from) regressions++;
        stageEnteredAt = c.at;
      }
      if (c.closeDate && closeDate && c.closeDate > closeDate) slips++;
    }
    stage = c.stage;
    if (c.amount !== null) amount = c.amount;
    if (c.currency) currency = c.currency;
    if (c.closeDate) closeDate = c.closeDate;
    if (c.forecastCategory) forecastCategory = c.forecastCategory;
  }
  return {
    open: !closed,
    won: closed && deal.outcome === "won",
    stage,
    amount,
    currency,
    closeDate,
    forecastCategory,
    stageEnteredAt,
    slips,
    regressions,
  };
}

/**
 * The deals as they were known at `cutoff`: deals opened later are gone, changes and activities
 * after it are dropped, and a deal closed later is still open with no outcome. Current-record
 * fields are replaced by the last recorded values, so nothing after the cut-off can be read.
 */
export function asOf(
  deals: readonly DealHistory[],
  cutoff: number,
  stageOrder: readonly string[],
): DealHistory[] {
  const out: DealHistory[] = [];
  for (const deal of deals) {
    const state = stateAt(deal, cutoff, stageOrder);
    if (!state) continue;
    const closed = deal.closedAt !== null && deal.closedAt <= cutoff;
    out.push({
      ...deal,
      closedAt: closed ? deal.closedAt : null,
      outcome: closed ? deal.outcome : null,
      stage: state.stage,
      amount: state.amount,
      currency: state.currency,
      closeDate: state.closeDate,
      forecastCategory: state.forecastCategory,
      changes: deal.changes.filter((c) => c.at <= cutoff),
      activities: deal.activities.slice(0, countAtOrBefore(deal.activities, cutoff)),
    });
  }
  return out;
}
