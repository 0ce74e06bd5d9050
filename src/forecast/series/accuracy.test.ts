import { describe, expect, it } from "vitest";
import { mase, smape } from "./accuracy.ts";

describe("smape", () => {
  it("averages 200·|y − ŷ| / (|y| + |ŷ|) over the horizon", () => {
    // step 1: 200·10/210 = 9.5238…, step 2: 0, step 3: 200·50/150 = 66.666…
    expect(smape([100, 50, 100], [110, 50, 50])).toBeCloseTo((200 * 10) / 210 / 3 + (200 * 50) / 150 / 3, 10);
  });

  it("scores a step where actual and forecast are both zero as perfect", () => {
    expect(smape([0, 10], [0, 10])).toBe(0);
  });

  it("rejects mismatched lengths", () => {
    expect(() => smape([1, 2], [1])).toThrow(/as many values/);
  });
});

describe("mase", () => {
  it("scales the forecast MAE by the in-sample seasonal-naive MAE", () => {
    // season 2: in-sample |3−1|, |4−2|, |5−3| → scale 2; forecast MAE (1 + 3) / 2 = 2 → MASE 1
    expect(mase([6, 8], [5, 5], [1, 2, 3, 4, 5], 2)).toBeCloseTo(1, 12);
  });

  it("falls back to lag 1 when the history is shorter than a season", () => {
    // lag 1: |2−1|, |4−2| → scale 1.5; forecast MAE 3 → MASE 2
    expect(mase([7], [4], [1, 2, 4], 12)).toBeCloseTo(2, 12);
  });

  it("is NaN when the history is flat and the scale undefined", () => {
    expect(mase([1], [2], [5, 5, 5], 1)).toBeNaN();
  });
});
