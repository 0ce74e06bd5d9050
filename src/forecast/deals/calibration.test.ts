import { describe, expect, it } from "vitest";
import { auc, brier, calibrate, fitIsotonic, reliabilityTable } from "./calibration.ts";

describe("reliability table", () => {
  it("bins predictions by tenths and compares their mean with the observed win rate (by hand)", () => {
    // Bin 0: 0.05 (lost) → predicted 0.05, observed 0.
    // Bin 1: 0.15 (lost), 0.12 (won) → predicted (0.15 + 0.12) / 2 = 0.135, observed 1/2.
    // Bin 5: 0.55 (won), 0.58 (lost) → predicted 0.565, observed 1/2.
    // Bin 9: 0.95 (won) and 1.0 (won; 1 falls in the last bin) → predicted 0.975, observed 1.
    const table = reliabilityTable([0.05, 0.15, 0.12, 0.55, 0.58, 0.95, 1], [0, 0, 1, 1, 0, 1, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual({ from: 0, to: 0.1, count: 1, predicted: 0.05, observed: 0 });
    expect(table[1].count).toBe(2);
    expect(table[1].predicted).toBeCloseTo(0.135, 10);
    expect(table[1].observed).toBe(0.5);
    expect(table[5].predicted).toBeCloseTo(0.565, 10);
    expect(table[5].observed).toBe(0.5);
    expect(table[9].count).toBe(2);
    expect(table[9].predicted).toBeCloseTo(0.975, 10);
    expect(table[9].observed).toBe(1);
    expect(table[3]).toEqual({ from: 0.3, to: 0.4, count: 0, predicted: null, observed: null });
  });
});

describe("isotonic calibration", () => {
  it("pools adjacent violators and interpolates between blocks (by hand)", () => {
    // Scores 0.1 → lost, 0.2 → won, 0.3 → lost, 0.4 → won. 0.2 and 0.3 violate the order and
    // pool into one block at score 0.25 with win rate 0.5: points (0.1, 0), (0.25, 0.5), (0.4, 1).
    const c = fitIsotonic([0.3, 0.1, 0.4, 0.2], [0, 0, 1, 1]);
    expect(c.points).toEqual([
      { x: 0.1, y: 0 },
      { x: 0.25, y: 0.5 },
      { x: 0.4, y: 1 },
    ]);
    expect(calibrate(c, 0.325)).toBeCloseTo(0.75, 10);
    expect(calibrate(c, 0.05)).toBe(0);
    expect(calibrate(c, 0.9)).toBe(1);
  });

  it("weights rows: a block's value is the weighted win rate", () => {
    // 0.6 lost (weight 3) and 0.5 won (weight 1) violate the order: one block, rate 1/4.
    const c = fitIsotonic([0.5, 0.6], [1, 0], [1, 3]);
    expect(c.points).toHaveLength(1);
    expect(c.points[0].y).toBeCloseTo(0.25, 10);
    expect(c.points[0].x).toBeCloseTo((0.5 * 1 + 0.6 * 3) / 4, 10);
  });
});

describe("scores", () => {
  it("AUC is the share of (win, loss) pairs ranked right, ties half (by hand)", () => {
    // Wins 0.35 and 0.8 against losses 0.1 and 0.4: 0.35 > 0.1, 0.35 < 0.4, 0.8 > both → 3 of 4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.2, 0.3], [1, 1])).toBeNull();
  });

  it("Brier is the mean squared error of the probabilities (by hand)", () => {
    // 0.1² + 0.4² + 0.65² + 0.2² = 0.01 + 0.16 + 0.4225 + 0.04 = 0.6325; ÷ 4 = 0.158125.
    expect(brier([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.158125, 12);
  });
});
