import { describe, expect, it } from "vitest";
import { trainDealModel } from "./deal-model.ts";
import { quarterMonth } from "./features.ts";
import { dealsFromTable, type PlainDeal } from "./plain-table.ts";
import { seeded } from "./synthetic-deals.ts";
import { plainWorkspace } from "./testing-workspace.ts";

const DAY = 86_400_000;
const START = Date.parse("2024-01-01T00:00:00Z");
const fw = plainWorkspace(["Engaging"]);
const options = { stageOrder: fw.stageOrder, dayOf: fw.dayOf, convert: fw.convert };
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("month of the quarter", () => {
  it("names a day's month within its calendar quarter", () => {
    expect(quarterMonth("2026-01-31")).toBe("1st");
    expect(quarterMonth("2026-05-01")).toBe("2nd");
    expect(quarterMonth("2026-09-30")).toBe("3rd");
    expect(quarterMonth("2026-12-31")).toBe("3rd");
  });

  it("lets the model learn a quarter-end push the stage cannot show", () => {
    // 3,000 one-stage deals over two years, each open three days: those worked in the last month
    // of a quarter win 75%, the others 45%. The stage probability is the overall rate for all
    // (≈ 55%); the model can tell the two apart.
    const rnd = seeded(11);
    const rows: PlainDeal[] = Array.from({ length: 3000 }, (_, i) => {
      const opened = START + Math.floor(rnd() * 728) * DAY;
      const push = quarterMonth(day(opened)) === "3rd";
      return {
        id: `d${i}`,
        opened: day(opened),
        closed: day(opened + 3 * DAY),
        outcome: rnd() < (push ? 0.75 : 0.45) ? "won" : "lost",
        stage: "Engaging",
        amount: 1000_00,
        owner: "u1",
      };
    });
    const end = START + 735 * DAY;
    const model = trainDealModel(dealsFromTable(rows), end, options);
    expect(model.method).toBe("model");
    const h = model.holdout!;
    expect(h.auc!).toBeGreaterThan(h.baseline.auc! + 0.1);
    expect(h.brier!).toBeLessThan(h.baseline.brier!);
    const openOn = (d: string) =>
      dealsFromTable([{ id: `open-${d}`, opened: d, stage: "Engaging", amount: 1000_00, owner: "u1" }])[0];
    const inPush = model.predict(openOn("2026-03-10"), Date.parse("2026-03-11T00:00:00Z"))!;
    const early = model.predict(openOn("2026-01-10"), Date.parse("2026-01-11T00:00:00Z"))!;
    expect(inPush.probability).toBeGreaterThan(0.67);
    expect(inPush.probability).toBeLessThan(0.83);
    expect(early.probability).toBeGreaterThan(0.37);
    expect(early.probability).toBeLessThan(0.53);
    expect(inPush.factors[0]).toMatchObject({
      feature: "quarter_month",
      label: "Month of the quarter",
      value: "3rd",
      direction: "raises",
    });
  });
});
