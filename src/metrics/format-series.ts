import { stringify } from "csv-stringify/sync";
import type { MetricResult } from "./compute-metric.ts";
import type { Unit } from "./definition.ts";
import { METRICS } from "./registry/index.ts";

/** A value as people read it: money with its currency, rates as percentages. */
export function formatValue(value: number | null | undefined, unit: Unit | string, currency: string): string {
  if (value === null || value === undefined) return "—";
  switch (unit) {
    case "money":
      return new Intl.NumberFormat("en", { style: "currency", currency }).format(value);
    case "money_per_day":
      return `${new Intl.NumberFormat("en", { style: "currency", currency }).format(value)}/day`;
    case "rate":
      return `${(value * 100).toFixed(1)}%`;
    case "count":
      return new Intl.NumberFormat("en").format(value);
    case "ratio":
      return value.toFixed(2);
    default:
      return `${value.toFixed(1)} ${unit}`;
  }
}

/** Columns left-aligned, except the first `numericFrom` onward, right-aligned. */
function table(header: string[], rows: string[][], numericFrom = header.length): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < numericFrom ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The readable table `revline metrics KEY` prints. */
export function seriesTable(result: MetricResult): string {
  const { unit } = result.metric;
  const grouped = result.by !== null;
  const hasTarget = result.series.some((p) => p.target !== undefined && p.target !== null);
  const header = [
    "period",
    ...(grouped ? [result.by as string] : []),
    result.metric.key,
    "previous",
    ...(hasTarget ? ["target", "attainment"] : []),
  ];
  const rows = result.series.map((p) => [
    p.period,
    ...(grouped ? [p.label ?? p.group ?? "(none)"] : []),
    formatValue(p.value, unit, result.currency),
    formatValue(p.previous, unit, result.currency),
    ...(hasTarget
      ? [formatValue(p.target, unit, result.currency), formatValue(p.attainment, "rate", result.currency)]
      : []),
  ]);
  const title = `${result.metric.name} (${result.metric.key}) · ${result.grain} · ${result.from} – ${result.to} · ${result.currency}`;
  return `${title}\n${result.metric.formula}\n\n${table(header, rows, grouped ? 2 : 1)}`;
}

export function seriesCsv(result: MetricResult): string {
  return stringify(
    result.series.map((p) => ({
      metric: result.metric.key,
      period: p.period,
      start: p.start,
      end: p.end,
      group: p.group ?? "",
      label: p.label ?? "",
      value: p.value ?? "",
      previous: p.previous ?? "",
      target: p.target ?? "",
      attainment: p.attainment ?? "",
    })),
    {
      header: true,
      columns: [
        "metric",
        "period",
        "start",
        "end",
        "group",
        "label",
        "value",
        "previous",
        "target",
        "attainment",
      ],
    },
  );
}

/** `revline metrics --list`. */
export function registryTable(): string {
  return table(
    ["key", "name", "unit", "family", "owners"],
    METRICS.map((m) => [m.key, m.name, m.unit, m.family, m.owners.join(", ")]),
  );
}

/** Drill-down records as a table of their common columns. */
export function recordsTable(records: Array<Record<string, unknown>>): string {
  if (records.length === 0) return "(no records)";
  const columns = ["object", "id", "name", "role", "amount", "start_mrr", "end_mrr", "change"].filter((c) =>
    records.some((r) => r[c] !== undefined && r[c] !== null),
  );
  return table(
    columns,
    records.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? "" : String(r[c])))),
  );
}
