import { describe, expect, it } from "vitest";
import { type AttributionInput, attributionWeights } from "./models.ts";

const DAY = 86_400_000;
const day = (n: number) => n * DAY;
const input = (touchDays: number[], extra: Partial<AttributionInput> = {}): AttributionInput => ({
  touches: touchDays.map(day),
  conversionAt: day(30),
  halfLifeDays: 7,
  ...extra,
});
const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, a] of actual.entries()) expect(a).toBeCloseTo(expected[i], 12);
};

describe("attribution models (three touches on days 0, 10, 20; conversion on day 30)", () => {
  it("first and last touch take everything", () => {
    expect(attributionWeights("first_touch", input([0, 10, 20]))).toEqual([1, 0, 0]);
    expect(attributionWeights("last_touch", input([0, 10, 20]))).toEqual([0, 0, 1]);
  });

  it("linear shares equally; U-shaped gives 40/20/40", () => {
    close(attributionWeights("linear", input([0, 10, 20])), [1 / 3, 1 / 3, 1 / 3]);
    close(attributionWeights("u_shaped", input([0, 10, 20])), [0.4, 0.2, 0.4]);
    // Five touches: the 20% in the middle is split three ways.
    close(attributionWeights("u_shaped", input([0, 5, 10, 15, 20])), [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]);
  });

  it("W-shaped: 30% each to first, lead-creating and opportunity-creating touches, 10% to the rest", () => {
    // Touches on days 0, 5, 10, 15, 20; lead on day 7 (last touch before: day 5), opened on day 16 (day 15).
    close(
      attributionWeights("w_shaped", input([0, 5, 10, 15, 20], { leadAt: day(7), openedAt: day(16) })),
      [0.3, 0.3, 0.05, 0.3, 0.05],
    );
    // Lead date unknown: the first touch created the lead too and takes 60%; 10% over the other three.
    close(attributionWeights("w_shaped", input([0, 5, 10, 15, 20], { openedAt: day(16) })), [
      0.6,
      0.1 / 3,
      0.1 / 3,
      0.3,
      0.1 / 3,
    ]);
    // Three touches that are all milestones: 30/30/30 scaled to 100%.
    close(attributionWeights("w_shaped", input([0, 10, 20], { leadAt: day(10), openedAt: day(25) })), [
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
  });

  it("time decay halves credit every half-life before the conversion", () => {
    // 14, 7 and 0 days before: raw 1/4, 1/2, 1 → ÷ 1.75.
    close(attributionWeights("time_decay", input([16, 23, 30])), [1 / 7, 2 / 7, 4 / 7]);
  });

  it("handles one touch, two touches and none", () => {
    for (const model of [
      "first_touch",
      "last_touch",
      "linear",
      "u_shaped",
      "w_shaped",
      "time_decay",
    ] as const) {
      close(attributionWeights(model, input([3])), [1]);
      expect(attributionWeights(model, input([]))).toEqual([]);
    }
    close(attributionWeights("u_shaped", input([3, 4])), [0.5, 0.5]);
  });
});
