import type { forecastArr } from "./arr-forecast.ts";

export type ArrForecast = Awaited<ReturnType<typeof forecastArr>>;

const amount = (v: number) => Math.round(v).toLocaleString("en-US");

/** The ARR bridge as text: one row per month, then the riskiest renewals with their reasons. */
export function arrBridgeTable(r: ArrForecast): string {
  const head = ["month", "contracted", "churn", "new", "expansion", "forecast", "renewals", "renewing ARR"];
  const rows = r.months.map((m) => [
    m.period,
    amount(m.contracted),
    `−${amount(m.expected_churn)}`,
    `+${amount(m.expected_new)}`,
    `+${amount(m.expected_expansion)}`,
    amount(m.forecast),
    String(m.renewals_due.count),
    amount(m.renewals_due.arr),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const risky = r.riskiest_renewals.map(
    (x) =>
      `  ${x.account}: ${amount(x.arr)} ARR renews ${x.renewal_date}, ${Math.round(x.probability * 100)}%` +
      (x.reasons.length > 0 ? ` (${x.reasons.join("; ")})` : ""),
  );
  return [
    `ARR bridge as of ${r.as_of}, ${r.currency}: ${r.subscriptions} subscriptions, ${r.open_deals} open deals (${r.deal_method === "model" ? "deal model" : "stage probabilities"})`,
    line(head),
    ...rows.map(line),
    ...(r.renewal_history.note ? [`note: ${r.renewal_history.note}`] : []),
    ...(risky.length > 0 ? ["riskiest renewals:", ...risky] : []),
  ].join("\n");
}
