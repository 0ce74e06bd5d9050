import { describe, expect, it } from "vitest";
import { allStages, orderPipelines, orderStages } from "./board-stages.ts";

const g = (value: string, probability = 0, count = 1) => ({
  value,
  count,
  sums: { probability: [{ currency: null, value: probability * count }] },
});

describe("board order", () => {
  it("orders stages as deals move, closed ones last", () => {
    const stages = orderStages([
      g("closed_lost"),
      g("negotiation", 80),
      g("Closed Won", 100),
      g("prospecting", 10),
      g("pilot", 50),
      g("discovery", 40),
    ]);
    expect(stages.map((s) => s.value)).toEqual([
      "prospecting",
      "discovery",
      "negotiation",
      "pilot",
      "Closed Won",
      "closed_lost",
    ]);
  });

  it("orders unknown stages by win probability", () => {
    expect(orderStages([g("b", 70), g("a", 20), g("c", 45)]).map((s) => s.value)).toEqual(["a", "c", "b"]);
  });

  it("orders pipelines: new business, expansion, renewal, partner, then the rest", () => {
    expect(orderPipelines(["renewal", "zeta", "partner", "new_business", "alpha", "expansion"])).toEqual([
      "new_business",
      "expansion",
      "renewal",
      "partner",
      "alpha",
      "zeta",
    ]);
  });

  it("offers every stage deals are in or have been in, and won and lost", () => {
    const stages = allStages(
      [g("proposal", 60)],
      [
        { value: "discovery", count: 4, sums: {} },
        { value: "proposal", count: 1, sums: {} },
      ],
    );
    expect(orderStages(stages).map((s) => s.value)).toEqual([
      "discovery",
      "proposal",
      "closed_won",
      "closed_lost",
    ]);
  });
});
