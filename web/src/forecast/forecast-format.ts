import type { ModelInfo } from "./forecast.types.ts";

/** Whole amounts in the reporting currency, for dense tables. */
export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return "—";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 0 }).format(
      value,
    );
  } catch {
    return `${Math.round(value)} ${currency}`;
  }
}

export const percent = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined ? "—" : `${(value * 100).toFixed(digits)}%`;

export const METHOD_LABELS: Record<string, string> = {
  weighted: "Weighted pipeline",
  stage_conversion: "Stage conversion",
  model: "Deal model",
  series: "Time series",
  call: "Submitted call",
  headline: "Headline",
};

/** The quarter key (2026-Q4) of a date and the ones after it. */
export function quarterKeys(today: string, count: number): string[] {
  let year = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q++;
    if (q > 4) {
      q = 1;
      year++;
    }
  }
  return out;
}

/** A factor as a phrase: "Stage: proposal ↑". */
export const factorText = (f: { label: string; value: string | number; direction: string }): string =>
  `${f.label}: ${f.value} ${f.direction === "raises" ? "↑" : "↓"}`;

/** How each win probability is made, in words: the settings the model chose on its newest training deals. */
export function modelRecipe(m: Pick<ModelInfo, "blend" | "calibration" | "half_life_days">): string {
  if (m.blend === null || m.calibration === null) return "";
  const model =
    m.calibration === "isotonic"
      ? "the model, re-calibrated to the newest deals' win rates"
      : "the model's own probabilities";
  const mix =
    m.blend >= 1
      ? `Each probability is ${model}`
      : `Each probability is ${percent(m.blend)} ${model} and ${percent(1 - m.blend)} the stage's win rate`;
  const recency =
    m.half_life_days === null
      ? "every closed deal counts the same"
      : `a deal closed ${m.half_life_days} days earlier counts half`;
  return `${mix}; ${recency}.`;
}
