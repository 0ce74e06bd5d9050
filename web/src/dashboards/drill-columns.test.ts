import { describe, expect, it } from "vitest";
import type { DrillRecord } from "./dashboard-types.ts";
import { columnLabel, drillColumns, recordHref } from "./drill-columns.ts";

const churned: DrillRecord = {
  object: "accounts",
  id: "acc_1",
  name: "Acme",
  role: "churn",
  segment: "smb",
  start_mrr: 100,
  end_mrr: 0,
  change: -100,
  subscription_ids: ["sub_1"],
};
const won: DrillRecord = {
  object: "opportunities",
  id: "opp_1",
  name: "Acme — 50 seats",
  role: "won",
  type: "new",
  stage: "closed_won",
  amount: 39_000,
  closed_at: "2026-08-25T22:30:51.289Z",
  cycle_days: 68.63,
};

describe("drill-down records", () => {
  it("shows amounts first, then what explains the record", () => {
    expect(drillColumns([churned])).toEqual(["start_mrr", "end_mrr", "change", "segment"]);
    expect(drillColumns([won])).toEqual(["amount", "stage", "type", "closed_at"]);
    expect(drillColumns([won], 10)).toEqual(["amount", "stage", "type", "closed_at", "cycle_days"]);
  });

  it("names columns in words", () => {
    expect(columnLabel("start_mrr")).toBe("Starting MRR");
    expect(columnLabel("closed_at")).toBe("Closed at");
  });

  it("links a record to its page, and nothing without one", () => {
    const paths: Record<string, string> = { accounts: "accounts", opportunities: "opportunities" };
    expect(recordHref(won, (k) => paths[k])).toBe("/opportunities/opp_1");
    expect(recordHref({ ...won, object: "forecast_snapshots" }, (k) => paths[k])).toBeNull();
    expect(recordHref({ ...won, id: null }, (k) => paths[k])).toBeNull();
  });
});
