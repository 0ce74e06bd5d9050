import { describe, expect, it } from "vitest";
import { stageJourney } from "./stage-journey.ts";

describe("the lifecycle journey of a preview row", () => {
  it("lists the dated stages in date order, by UTC day", () => {
    expect(
      stageJourney({
        stages: {
          customer: "2025-06-30T15:00:00.000Z",
          lead: "2025-03-05T10:00:00.000Z",
          mql: "2025-03-20T09:00:00.000Z",
        },
        created: "2025-03-01T00:00:00.000Z",
      }),
    ).toBe("lead 2025-03-05 → mql 2025-03-20 → customer 2025-06-30");
  });

  it("falls back to the creation date, and says nothing without dates", () => {
    expect(stageJourney({ stages: {}, created: "2025-05-21T13:45:00.000Z" })).toBe("created 2025-05-21");
    expect(stageJourney(undefined)).toBeNull();
  });
});
