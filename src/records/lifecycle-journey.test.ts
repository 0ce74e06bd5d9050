import { describe, expect, it } from "vitest";
import { lifecycleSteps } from "./lifecycle-journey.ts";

const NOW = "2026-11-28T12:00:00.000Z";

describe("lifecycle steps of a write", () => {
  it("without dates from the source: one step at the fallback time, as before", () => {
    expect(lifecycleSteps(null, "lead", undefined, NOW)).toEqual([{ from: null, to: "lead", at: NOW }]);
    expect(lifecycleSteps("lead", "mql", undefined, NOW)).toEqual([{ from: "lead", to: "mql", at: NOW }]);
  });

  it("a new record replays its dated stages in date order, skipping stages it has no date for", () => {
    const dates = {
      stages: {
        customer: "2025-06-30T15:00:00.000Z",
        lead: "2025-03-05T10:00:00.000Z",
        mql: "2025-03-20T09:00:00.000Z",
      },
    };
    expect(lifecycleSteps(null, "customer", dates, NOW)).toEqual([
      { from: null, to: "lead", at: "2025-03-05T10:00:00.000Z" },
      { from: "lead", to: "mql", at: "2025-03-20T09:00:00.000Z" },
      { from: "mql", to: "customer", at: "2025-06-30T15:00:00.000Z" },
    ]);
  });

  it("ends in the current stage at the fallback time when its own date is missing", () => {
    const dates = { stages: { lead: "2025-03-01T00:00:00.000Z" } };
    expect(lifecycleSteps(null, "mql", dates, NOW)).toEqual([
      { from: null, to: "lead", at: "2025-03-01T00:00:00.000Z" },
      { from: "lead", to: "mql", at: NOW },
    ]);
    // A record moved back to lead after becoming a customer: the move back is dated by the import.
    const back = { stages: { lead: "2025-01-01T00:00:00.000Z", customer: "2025-02-01T00:00:00.000Z" } };
    expect(lifecycleSteps(null, "lead", back, NOW).map((s) => [s.from, s.to, s.at])).toEqual([
      [null, "lead", "2025-01-01T00:00:00.000Z"],
      ["lead", "customer", "2025-02-01T00:00:00.000Z"],
      ["customer", "lead", NOW],
    ]);
  });

  it("stages on the same date follow the funnel; the creation date stands in when no stage is dated", () => {
    const same = { stages: { sql: "2025-05-01T00:00:00.000Z", lead: "2025-05-01T00:00:00.000Z" } };
    expect(lifecycleSteps(null, "sql", same, NOW).map((s) => s.to)).toEqual(["lead", "sql"]);
    const created = { stages: {}, created: "2025-05-21T13:45:00.000Z" };
    expect(lifecycleSteps(null, "sql", created, NOW)).toEqual([
      { from: null, to: "sql", at: "2025-05-21T13:45:00.000Z" },
    ]);
  });

  it("an existing record moving into a dated stage takes that stage's date", () => {
    const dates = { stages: { lead: "2025-01-01T00:00:00.000Z", mql: "2025-04-02T08:00:00.000Z" } };
    expect(lifecycleSteps("lead", "mql", dates, NOW)).toEqual([
      { from: "lead", to: "mql", at: "2025-04-02T08:00:00.000Z" },
    ]);
    expect(lifecycleSteps("mql", "sql", dates, NOW)).toEqual([{ from: "mql", to: "sql", at: NOW }]);
  });

  it("never dates a step after the write itself: a future date counts as now", () => {
    const future = { stages: { lead: "2025-01-01T00:00:00.000Z", customer: "2027-01-01T00:00:00.000Z" } };
    expect(lifecycleSteps(null, "customer", future, NOW).map((s) => [s.to, s.at])).toEqual([
      ["lead", "2025-01-01T00:00:00.000Z"],
      ["customer", NOW],
    ]);
    expect(lifecycleSteps("lead", "customer", future, NOW)).toEqual([
      { from: "lead", to: "customer", at: NOW },
    ]);
    expect(lifecycleSteps(null, "lead", { stages: {}, created: "2030-05-05T00:00:00.000Z" }, NOW)).toEqual([
      { from: null, to: "lead", at: NOW },
    ]);
  });
});
