import { describe, expect, it } from "vitest";
import { funnelDrill, stageDrillRequest, stageTimeDrill } from "./stage-drill.ts";

const range = { from: "2026-01-01", to: "2026-02-28" };

describe("stage drill-downs", () => {
  it("asks for the records of a funnel step over the dashboard's range", () => {
    expect(stageDrillRequest(funnelDrill("mql", "converted"), range)).toEqual({
      path: "metrics/funnel/records",
      params: { stage: "mql", step: "converted", from: "2026-01-01", to: "2026-02-28" },
    });
  });

  it("keeps an opportunity stage whole, colon and all", () => {
    expect(stageDrillRequest(stageTimeDrill("demo: booked", "in_stage"), range)?.params).toEqual({
      stage: "demo: booked",
      kind: "in_stage",
      from: "2026-01-01",
      to: "2026-02-28",
    });
  });

  it("leaves KPI values to the KPI drill-down", () => {
    expect(stageDrillRequest({ key: "arr", period: "2026-02", by: null, group: null }, range)).toBeNull();
    expect(stageDrillRequest({ key: "funnel", period: "mql", by: null, group: null }, range)).toBeNull();
  });
});
