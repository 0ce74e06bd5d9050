import type { DealHistory } from "./deal-history.ts";

/** A deal as one row of a plain table (a CRM export): what the model can use when there is no history table. */
export interface PlainDeal {
  id: string;
  /** YYYY-MM-DD or ISO instant the deal was opened (engaged). */
  opened: string;
  /** When it was won or lost; absent while open. */
  closed?: string | null;
  outcome?: "won" | "lost" | null;
  stage: string;
  /** Minor units. */
  amount: number;
  currency?: string;
  type?: string;
  leadSource?: string;
  owner?: string | null;
  team?: string | null;
}

const instant = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);

/** Plain rows as deal histories with one recorded change (the opening state). */
export function dealsFromTable(rows: readonly PlainDeal[]): DealHistory[] {
  return rows.map((r) => {
    const openedAt = instant(r.opened);
    const closedAt = r.closed ? instant(r.closed) : null;
    const currency = r.currency ?? "USD";
    return {
      id: r.id,
      name: r.id,
      type: r.type ?? "new",
      leadSource: r.leadSource ?? "none",
      ownerId: r.owner ?? null,
      teamId: r.team ?? null,
      currency,
      openedAt,
      closedAt,
      outcome: closedAt === null ? null : (r.outcome ?? null),
      stage: r.stage,
      amount: r.amount,
      closeDate: null,
      forecastCategory: "pipeline",
      probability: null,
      changes: [
        {
          at: openedAt,
          stage: r.stage,
          amount: r.amount,
          currency,
          closeDate: null,
          forecastCategory: "pipeline",
        },
      ],
      activities: [],
    };
  });
}
