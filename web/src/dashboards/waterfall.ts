/**
 * The MRR waterfall of one period: starting MRR, each movement as a floating bar from the
 * running total, and ending MRR. Movements come from the API as positive amounts (churn and
 * contraction are subtracted); the FX line is signed. When the steps do not reach the ending
 * MRR the API reports (rounding of each line), the difference is shown as its own step rather
 * than hidden.
 */

export interface MrrMovements {
  /** MRR at the start of the period (the previous period's ending MRR). */
  start: number;
  /** MRR at the end of the period. */
  end: number;
  new: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churn: number;
  /** Revaluation of foreign-currency MRR between the start and end rates (signed). */
  fx: number;
}

export type StepKind = "total" | "increase" | "decrease";

export interface WaterfallStep {
  key: string;
  label: string;
  kind: StepKind;
  /** The signed change (the level itself for totals). */
  amount: number;
  /** Where the bar starts and ends on the value axis (low ≤ high). */
  range: [number, number];
  /** The KPI that lists the records behind the step, for drill-down. */
  metric: string;
}

const MOVES: Array<{ key: keyof MrrMovements; label: string; sign: 1 | -1; metric: string }> = [
  { key: "new", label: "+ New", sign: 1, metric: "new_mrr" },
  { key: "expansion", label: "+ Expansion", sign: 1, metric: "expansion_mrr" },
  { key: "reactivation", label: "+ Reactivation", sign: 1, metric: "reactivation_mrr" },
  { key: "contraction", label: "− Contraction", sign: -1, metric: "contraction_mrr" },
  { key: "churn", label: "− Churn", sign: -1, metric: "churned_mrr" },
];

/** Money is shown in cents; a line below half a cent is no movement. */
const EPSILON = 0.005;
/**
 * Each line comes rounded to the cent, so the lines can miss ending MRR by a few cents of
 * rounding; a larger gap is a real difference and gets a step of its own.
 */
const ROUNDING = 0.05;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function waterfallSteps(m: MrrMovements): WaterfallStep[] {
  const steps: WaterfallStep[] = [
    {
      key: "start",
      label: "Starting MRR",
      kind: "total",
      amount: m.start,
      range: [0, m.start],
      metric: "mrr",
    },
  ];
  let level = m.start;
  const push = (key: string, label: string, amount: number, metric: string) => {
    const next = round2(level + amount);
    steps.push({
      key,
      label,
      kind: amount >= 0 ? "increase" : "decrease",
      amount,
      range: [Math.min(level, next), Math.max(level, next)],
      metric,
    });
    level = next;
  };
  for (const move of MOVES) push(move.key, move.label, move.sign * Math.abs(m[move.key]), move.metric);
  if (Math.abs(m.fx) >= EPSILON) push("fx", m.fx >= 0 ? "+ FX" : "− FX", m.fx, "fx_adjustment_mrr");
  const rest = round2(m.end - level);
  if (Math.abs(rest) > ROUNDING) push("other", "Unreconciled", rest, "mrr");
  steps.push({
    key: "end",
    label: "Ending MRR",
    kind: "total",
    amount: m.end,
    range: [0, m.end],
    metric: "mrr",
  });
  return steps;
}

/** Net new MRR (the KPI net_new_mrr): the movements, without FX revaluation. */
export const netNew = (steps: WaterfallStep[]): number =>
  round2(steps.filter((s) => MOVES.some((m) => m.key === s.key)).reduce((sum, s) => sum + s.amount, 0));

/**
 * The value axis of the chart: from a little below the lowest running level to a little above
 * the highest, so movements a fraction of MRR stay visible (the totals' bars are cut at the
 * bottom of the axis, whose labels say where it starts). Never below zero when nothing is.
 */
export function waterfallDomain(steps: WaterfallStep[]): [number, number] {
  const levels = steps.flatMap((s) => (s.kind === "total" ? [s.amount] : s.range));
  const low = Math.min(...levels);
  const high = Math.max(...levels);
  const span = Math.max(high - low, Math.abs(high) * 0.02, 1);
  const bottom = low - span * 0.6;
  return [low >= 0 ? Math.max(0, bottom) : bottom, high + span * 0.15];
}
