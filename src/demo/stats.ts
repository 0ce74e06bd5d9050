import { monthKey } from "./time.ts";

/** Named as the metrics engine names the KPIs that targets are set for. */
export type StatKind =
  | "bookings"
  | "deals_won"
  | "pipeline_created"
  | "new_mrr"
  | "expansion_mrr"
  | "mqls"
  | "partner_bookings";

/** Monthly actuals gathered while accounts are generated: the epilogue sets targets and commissions from them. */
export interface Stats {
  add(kind: StatKind, who: string, at: number, value: number): void;
  get(kind: StatKind, who: string, month: string): number;
}

export function createStats(): Stats {
  const values = new Map<string, number>();
  return {
    add(kind, who, at, value) {
      const key = `${kind}|${who}|${monthKey(at)}`;
      values.set(key, (values.get(key) ?? 0) + value);
    },
    get: (kind, who, month) => values.get(`${kind}|${who}|${month}`) ?? 0,
  };
}
