import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { metricsMarkdown } from "./metrics-doc.ts";
import { METRICS } from "./registry/index.ts";

/** Table cells trimmed and separator rows reduced, so a markdown formatter's padding is no drift. */
const normalise = (markdown: string) =>
  markdown
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
            .split("|")
            .map((cell) => (/^\s*:?-+:?\s*$/.test(cell) ? "---" : cell.trim()))
            .join("|")
        : line,
    )
    .join("\n");

it("docs/metrics.md matches the KPI registry", () => {
  const doc = readFileSync(new URL("../../docs/metrics.md", import.meta.url), "utf8");
  expect(normalise(doc)).toBe(normalise(metricsMarkdown()));
});

it("defines every KPI the interface contract names, each with a formula and owners", () => {
  const contract =
    `mrr arr new_mrr expansion_mrr contraction_mrr churned_mrr reactivation_mrr net_new_mrr nrr grr
    logo_churn_rate revenue_churn_rate quick_ratio arpa ltv cac cac_payback_months ltv_to_cac bookings win_rate
    win_rate_value avg_deal_size sales_cycle_days pipeline_velocity pipeline_coverage lead_conversion_rate
    marketing_spend revenue_growth upsell_rate renewal_rate forecast_accuracy revenue_predictability
    tickets_per_account time_to_resolution_hours`.split(/\s+/);
  const keys = METRICS.map((m) => m.key);
  expect(contract.filter((k) => !keys.includes(k))).toEqual([]);
  expect(new Set(keys).size).toBe(keys.length);
  for (const m of METRICS) {
    expect(m.formula.length, m.key).toBeGreaterThan(5);
    expect(m.owners.length, m.key).toBeGreaterThan(0);
  }
});
