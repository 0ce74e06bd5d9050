import type { DrillRecord } from "./dashboard-types.ts";

/** Fields of drill-down records that are amounts in the reporting currency. */
export const MONEY_FIELDS = new Set(["amount", "start_mrr", "end_mrr", "change", "forecast", "actual"]);

/** Columns worth showing, in this order, when the records have them. */
const PREFERRED = [
  "amount",
  "start_mrr",
  "end_mrr",
  "change",
  "forecast",
  "actual",
  "stage",
  "stage_then",
  "type",
  "segment",
  "category",
  "priority",
  "email",
  "closed_at",
  "close_date_then",
  "opened_at",
  "incurred_on",
  "occurred_at",
  "lead_at",
  "customer_at",
  "solved_at",
  "entered_at",
  "reached_at",
  "converted_at",
  "left_at",
  "days_in_stage",
  "cycle_days",
  "resolution_hours",
];

const LABELS: Record<string, string> = {
  amount: "Amount",
  start_mrr: "Starting MRR",
  end_mrr: "Ending MRR",
  change: "Change",
  forecast: "Forecast",
  actual: "Actual",
  stage_then: "Stage then",
  close_date_then: "Close date then",
  lead_at: "Became a lead",
  customer_at: "Became a customer",
  cycle_days: "Cycle (days)",
  entered_at: "Entered",
  reached_at: "Reached stage",
  converted_at: "Went on",
  left_at: "Left stage",
  days_in_stage: "Days in stage",
  resolution_hours: "Resolution (hours)",
};

/** A column's heading: `start_mrr` → `Starting MRR`, `closed_at` → `Closed at`. */
export function columnLabel(column: string): string {
  const text = column.replaceAll("_", " ");
  return LABELS[column] ?? text.charAt(0).toUpperCase() + text.slice(1);
}

/** The detail columns of a page of drill-down records: at most `limit`, from those present. */
export function drillColumns(records: DrillRecord[], limit = 4): string[] {
  const present = new Set(
    records.flatMap((r) => Object.keys(r).filter((k) => r[k] !== null && r[k] !== undefined)),
  );
  return PREFERRED.filter((k) => present.has(k)).slice(0, limit);
}

/** Where a record opens: its page in the app, or null for records that have none. */
export function recordHref(
  record: DrillRecord,
  pathOf: (objectKey: string) => string | undefined,
): string | null {
  if (!record.id) return null;
  const path = pathOf(record.object);
  return path ? `/${path}/${encodeURIComponent(record.id)}` : null;
}
