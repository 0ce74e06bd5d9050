import type { FormulaValue } from "../../../src/views/formula/index.ts";
import { date, money, number } from "./cell-display.ts";
import type { ComputedFormat } from "./grid-columns.ts";

/**
 * A computed value as its column shows it: `money` reads minor units (like every amount
 * field) in the row's currency, `percent` reads a ratio (0.25 → 25%).
 */
export function computedText(format: ComputedFormat, value: FormulaValue, currency: string): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") {
    if (format === "date" && /^\d{4}-\d{2}-\d{2}/.test(value)) return date(value.slice(0, 10));
    return value;
  }
  switch (format) {
    case "money":
      return money(Math.round(value), currency);
    case "percent":
      return `${number(value * 100, 1)}%`;
    case "text":
      return String(value);
    default:
      return number(value, 2);
  }
}
