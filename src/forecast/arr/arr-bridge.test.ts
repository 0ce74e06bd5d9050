import { describe, expect, it } from "vitest";
import { arrBridge, type BridgeDeal, type BridgeSubscription } from "./arr-bridge.ts";

/*
 * Three months, Jan–Mar 2027, amounts in minor units.
 * - A: yearly, ARR 12,000, started 2024-02-10 → renews 2027-02-10 with p 0.8: Feb churn 12,000 × 0.2 = 2,400.
 * - B: monthly, ARR 1,200, started 2026-06-15 → renews the 15th of every month with p 0.9:
 *   Jan 1,200 × 0.1 = 120; Feb 1,200 × 0.9 × 0.1 = 108; Mar 1,200 × 0.81 × 0.1 = 97.2.
 * - C: ARR 6,000, cancellation scheduled 2027-03-05 (p 0): Mar churn 6,000.
 * Deals: new 10,000 at 50% expected 2026-12-20 (before the first month → Jan 5,000); expansion
 * 4,000 at 25% on 2027-03-31 (Mar 1,000); new 9,999 on 2027-04-01 (past the horizon: ignored).
 * contracted 19,200; Jan 19,200 − 120 + 5,000 = 24,080; Feb 24,080 − 2,508 = 21,572;
 * Mar 21,572 − 6,097.2 + 1,000 = 16,474.8.
 */
const months = [
  { key: "2027-01", start: "2027-01-01", end: "2027-01-31" },
  { key: "2027-02", start: "2027-02-01", end: "2027-02-28" },
  { key: "2027-03", start: "2027-03-01", end: "2027-03-31" },
];
const sub = (
  x: Partial<BridgeSubscription> & Pick<BridgeSubscription, "id" | "arr">,
): BridgeSubscription => ({
  accountId: `acc_${x.id}`,
  account: `Account ${x.id}`,
  startedOn: "2026-01-01",
  interval: "month",
  renewalDate: "2027-01-01",
  probability: 1,
  reasons: [],
  ends: false,
  ...x,
});
const subscriptions = [
  sub({
    id: "A",
    arr: 12_000,
    startedOn: "2024-02-10",
    interval: "year",
    renewalDate: "2027-02-10",
    probability: 0.8,
  }),
  sub({ id: "B", arr: 1_200, startedOn: "2026-06-15", renewalDate: "2027-01-15", probability: 0.9 }),
  sub({
    id: "C",
    arr: 6_000,
    renewalDate: "2027-03-05",
    probability: 0,
    ends: true,
    reasons: ["cancellation scheduled for 2027-03-05"],
  }),
];
const deals: BridgeDeal[] = [
  { kind: "new", arr: 10_000, probability: 0.5, expectedClose: "2026-12-20" },
  { kind: "expansion", arr: 4_000, probability: 0.25, expectedClose: "2027-03-31" },
  { kind: "new", arr: 9_999, probability: 0.9, expectedClose: "2027-04-01" },
];

describe("ARR bridge (by hand)", () => {
  const bridge = arrBridge(months, subscriptions, deals);

  it("takes contracted ARR, subtracts expected churn at each renewal and adds the pipeline", () => {
    expect(bridge.contracted).toBe(19_200);
    const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
    const rows = bridge.months.map((m) => [
      m.period,
      m.contracted,
      r6(m.expected_churn),
      m.expected_new,
      m.expected_expansion,
      r6(m.forecast),
    ]);
    expect(rows).toEqual([
      ["2027-01", 19_200, 120, 5_000, 0, 24_080],
      ["2027-02", 19_200, 2_508, 0, 0, 21_572],
      ["2027-03", 19_200, 6_097.2, 0, 1_000, 16_474.8],
    ]);
  });

  it("counts the renewals due each month at their full ARR", () => {
    expect(bridge.months.map((m) => m.renewals_due)).toEqual([
      { count: 1, arr: 1_200 },
      { count: 2, arr: 13_200 },
      { count: 2, arr: 7_200 },
    ]);
  });

  it("lists each subscription's next renewal, largest expected loss first", () => {
    expect(
      bridge.riskiest.map((r) => [r.subscription_id, r.renewal_date, r.probability, r.expected_loss]),
    ).toEqual([
      ["C", "2027-03-05", 0, 6_000],
      ["A", "2027-02-10", 0.8, 12_000 * (1 - 0.8)],
      ["B", "2027-01-15", 0.9, 1_200 * (1 - 0.9)],
    ]);
    expect(bridge.riskiest[0].reasons).toEqual(["cancellation scheduled for 2027-03-05"]);
  });

  it("is flat at zero with nothing to forecast", () => {
    const empty = arrBridge(months, [], []);
    expect(empty.months.map((m) => m.forecast)).toEqual([0, 0, 0]);
    expect(empty.riskiest).toEqual([]);
  });
});
