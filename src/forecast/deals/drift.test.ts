import { describe, expect, it } from "vitest";
import type { DealHistory } from "./deal-history.ts";
import { trainDealModel } from "./deal-model.ts";
import { seeded } from "./synthetic-deals.ts";
import { plainWorkspace } from "./testing-workspace.ts";

const DAY = 86_400_000;
const END = Date.parse("2026-10-01T00:00:00Z");
const fw = plainWorkspace(["negotiation"]);
const options = { stageOrder: fw.stageOrder, dayOf: fw.dayOf, convert: fw.convert };

/** Win rates of deal types A and B. */
type Rates = { A: number; B: number };
const PREDICTIVE: Rates = { A: 0.8, B: 0.2 };
const NOISE: Rates = { A: 0.5, B: 0.5 };
const REVERSED: Rates = { A: 0.2, B: 0.8 };

/**
 * One-stage deals (so the stage baseline is the overall win rate) whose deal type is the only
 * signal: a deal of type A wins with probability `era(rank).A`, of type B `era(rank).B`, where
 * `rank` is the deal's place in close order, as a fraction.
 */
function typedDeals(count: number, era: (rank: number) => Rates, seed = 7): DealHistory[] {
  const rnd = seeded(seed);
  const shells = Array.from({ length: count }, (_, i) => {
    const closedAt = END - DAY - Math.floor(rnd() * 720 * DAY);
    const openedAt = closedAt - Math.floor((10 + rnd() * 30) * DAY);
    return { i, openedAt, closedAt, type: rnd() < 0.5 ? "A" : "B", owner: `u${Math.floor(rnd() * 4)}` };
  });
  shells.sort((a, b) => a.closedAt - b.closedAt || a.i - b.i);
  return shells.map((s, rank) => {
    const rates = era(rank / count);
    const won = rnd() < (s.type === "A" ? rates.A : rates.B);
    const change = (at: number, stage: string) => ({
      at,
      stage,
      amount: 500_00,
      currency: "USD",
      closeDate: null,
      forecastCategory: "pipeline",
    });
    return {
      id: `d${String(s.i).padStart(5, "0")}`,
      name: `Deal ${s.i}`,
      type: s.type,
      leadSource: "web",
      ownerId: s.owner,
      teamId: null,
      currency: "USD",
      openedAt: s.openedAt,
      closedAt: s.closedAt,
      outcome: won ? "won" : "lost",
      stage: won ? "closed_won" : "closed_lost",
      amount: 500_00,
      closeDate: null,
      forecastCategory: "pipeline",
      probability: null,
      changes: [change(s.openedAt, "negotiation"), change(s.closedAt, won ? "closed_won" : "closed_lost")],
      activities: [],
    };
  });
}

const openDeal = (type: string): DealHistory => ({
  ...typedDeals(1, () => NOISE)[0],
  id: `open-${type}`,
  type,
  openedAt: END - 5 * DAY,
  closedAt: null,
  outcome: null,
  stage: "negotiation",
  changes: [],
});

describe("the deal model when history drifts", () => {
  it("keeps the model's weight while the features keep predicting, and beats the stage baseline", () => {
    // Type A wins 80%, B 20%, all along. The baseline says the overall rate (~50%) for everyone:
    // Brier ≈ 0.25, AUC 0.5; the model can say 80% / 20%: Brier ≈ 0.8 × 0.2 = 0.16, AUC ≈
    // 0.5 + (0.8 − 0.2) / 2 = 0.8. Any weight on the baseline only pulls 80% / 20% towards 50%.
    const model = trainDealModel(
      typedDeals(3000, () => PREDICTIVE),
      END,
      options,
    );
    expect(model.method).toBe("model");
    expect(model.blend!).toBeGreaterThanOrEqual(0.8);
    const h = model.holdout!;
    expect(h.brier!).toBeLessThan(0.19);
    expect(h.brier!).toBeLessThan(h.baseline.brier! - 0.05);
    expect(h.auc!).toBeGreaterThan(0.75);
    expect(h.baseline.auc!).toBeCloseTo(0.5, 12);
    expect(model.predict(openDeal("A"), END)!.probability).toBeGreaterThan(0.7);
    expect(model.predict(openDeal("B"), END)!.probability).toBeLessThan(0.3);
  });

  it("leans to the stage probability when the features stop predicting, and is better for it", () => {
    // The type predicts until the deals closing at 65% of the history, then means nothing. The
    // blend is chosen on the newest training deals (70–80%, noise) with the calibration fitted on
    // 60–70%, half of it still predictive: the model says about 65% / 35% where the truth is 50%,
    // costing ≈ 0.15² ≈ 0.02 of Brier over the overall rate, so the weight goes (nearly) all the
    // way to the baseline. On the holdout (noise too) the model alone, calibrated on 60–80% (a
    // quarter predictive: ≈ 57.5% / 42.5%), costs at least 0.075² ≈ 0.006 more than 50% does.
    const deals = typedDeals(3000, (rank) => (rank < 0.65 ? PREDICTIVE : NOISE));
    const chosen = trainDealModel(deals, END, options);
    expect(chosen.blend!).toBeLessThanOrEqual(0.3);
    const modelOnly = trainDealModel(deals, END, { ...options, blend: 1 });
    expect(chosen.holdout!.brier!).toBeLessThan(modelOnly.holdout!.brier! - 0.005);
    expect(chosen.holdout!.brier!).toBeLessThan(chosen.holdout!.baseline.brier! + 0.003);
  });

  it("falls back to stage probabilities when the pattern turned around, and says why", () => {
    // Type A won 80% until the deals closing at 70% of the history, then 20% (B the reverse).
    // The model, calibrated on 60–70%, says A 80% / B 20%; on 70–80% every step of weight towards
    // it adds Brier, so the chosen weight is 0: stage probabilities, i.e. the overall win rate.
    const deals = typedDeals(3000, (rank) => (rank < 0.7 ? PREDICTIVE : REVERSED));
    const model = trainDealModel(deals, END, options);
    expect(model.blend).toBe(0);
    expect(model.method).toBe("stage_fallback");
    expect(model.reason).toMatch(
      /^on the deals closed \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, stage probabilities/,
    );
    const h = model.holdout!;
    expect(h.brier).toBe(h.baseline.brier);
    const rate = deals.filter((d) => d.outcome === "won").length / deals.length;
    for (const type of ["A", "B"]) {
      const p = model.predict(openDeal(type), END)!;
      expect(p.method).toBe("stage_fallback");
      expect(p.probability).toBeCloseTo(rate, 12);
    }
  });

  it("keeps the regression's own probabilities when one recent window's win rate dips and recovers", () => {
    // A wins 70%, B 40% all along, except the deals closing at 60–70% of the history, where both
    // lose 25 points (45% / 15%). Isotonic calibration fitted on that window would say 45% / 15%
    // on the 70–80% window where the truth is back at 70% / 40%: 0.25² ≈ 0.06 of Brier lost. The
    // regression, trained on the oldest 60%, says 70% / 40%, right on; the stage probability
    // (about 52%) is 0.15 off for both types. So: regression, and (nearly) all the weight on it.
    const dip = (rank: number) => (rank >= 0.6 && rank < 0.7 ? { A: 0.45, B: 0.15 } : { A: 0.7, B: 0.4 });
    const model = trainDealModel(typedDeals(3000, dip), END, options);
    expect(model.calibration).toBe("regression");
    expect(model.blend!).toBeGreaterThanOrEqual(0.8);
    expect(model.holdout!.brier!).toBeLessThan(model.holdout!.baseline.brier! - 0.01);
    expect(model.predict(openDeal("A"), END)!.probability).toBeGreaterThan(0.6);
    expect(model.predict(openDeal("B"), END)!.probability).toBeLessThan(0.5);
  });

  it("re-maps to the newest win rates when the level dropped and stayed down", () => {
    // Same types, but from 60% of the history on both lose 25 points for good (45% / 15%). Now
    // the isotonic calibration fitted on 60–70% says 45% / 15%, right for 70–80%, where the
    // regression's own 70% / 40% are 0.25 too high: isotonic, with most of the weight.
    const drop = (rank: number) => (rank >= 0.6 ? { A: 0.45, B: 0.15 } : { A: 0.7, B: 0.4 });
    const model = trainDealModel(typedDeals(3000, drop), END, options);
    expect(model.calibration).toBe("isotonic");
    expect(model.blend!).toBeGreaterThanOrEqual(0.7);
    const h = model.holdout!;
    expect(h.brier!).toBeLessThan(h.baseline.brier! - 0.01);
  });
});
