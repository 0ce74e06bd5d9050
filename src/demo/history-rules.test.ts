import { describe, expect, it } from "vitest";
import { monthlyRecurringRevenue } from "../model/mrr.ts";
import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import { generateDemo } from "./generate.ts";
import type { Row } from "./rows.ts";

const NOW = new Date("2025-06-01T00:00:00Z");
const demo = generateDemo({ accounts: 300, seed: 11, now: NOW });

function groupBy(rows: Row[], key: string): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const row of rows) groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
  return groups;
}

/** The generated rows must look as if the write hooks of src/records/hooks.ts had run. */
describe("demo history, as the write hooks keep it", () => {
  it("records every opportunity change, the last row equal to the opportunity", () => {
    const history = groupBy(demo.opportunity_stage_history, "opportunity_id");
    for (const opp of demo.opportunities) {
      const rows = history.get(opp.id)!;
      expect(rows.length).toBeGreaterThan(0);
      const [first, last] = [rows[0], rows[rows.length - 1]];
      expect(first.from_stage).toBeNull();
      expect(first.changed_at).toBe(opp.opened_at);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].from_stage).toBe(rows[i - 1].to_stage);
        expect(String(rows[i].changed_at) > String(rows[i - 1].changed_at)).toBe(true);
        const same = ["to_stage", "amount_minor", "close_date", "forecast_category"].every(
          (f) => rows[i][f] === rows[i - 1][f],
        );
        expect(same, `${opp.external_id} row ${i} changes nothing`).toBe(false);
      }
      expect([
        last.to_stage,
        last.amount_minor,
        last.close_date,
        last.forecast_category,
        last.currency,
      ]).toEqual([opp.stage, opp.amount_minor, opp.close_date, opp.forecast_category, opp.currency]);
      expect(opp.version).toBe(rows.length);
    }
  });

  it("closes deals the way the hook derives status, close time and forecast category", () => {
    for (const opp of demo.opportunities) {
      if (opp.stage === "closed_won") expect(opp.status).toBe("won");
      else if (opp.stage === "closed_lost") expect(opp.status).toBe("lost");
      else expect(opp.status).toBe("open");
      if (opp.status === "open") expect([opp.closed_at, opp.loss_reason]).toEqual([null, null]);
      else {
        expect(opp.closed_at).not.toBeNull();
        expect(opp.forecast_category).toBe("closed");
      }
      if (opp.status === "lost") expect(opp.loss_reason).toBeTruthy();
    }
  });

  it("gives every contact and account the stage of its last lifecycle transition", () => {
    const transitions = groupBy(demo.lifecycle_transitions, "subject_id");
    for (const [table, subject] of [
      ["contacts", "contact"],
      ["accounts", "account"],
    ]) {
      for (const record of demo[table]) {
        const rows = transitions.get(record.id)!;
        expect(rows[0]).toMatchObject({
          subject_type: subject,
          from_stage: null,
          transitioned_at: record.created_at,
        });
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i].from_stage).toBe(rows[i - 1].to_stage);
          expect(rows[i].to_stage).not.toBe(rows[i].from_stage);
          expect(String(rows[i].transitioned_at) >= String(rows[i - 1].transitioned_at)).toBe(true);
        }
        expect(rows[rows.length - 1].to_stage).toBe(record.lifecycle_stage);
      }
    }
    const stages = new Set(demo.accounts.map((a) => a.lifecycle_stage));
    for (const stage of ["lead", "mql", "sql", "customer", "churned"]) expect(stages).toContain(stage);
  });

  it("derives MRR from the items and versions every subscription change", () => {
    const versions = groupBy(demo.subscription_versions, "subscription_id");
    const reasons = new Set<unknown>();
    for (const sub of demo.subscriptions) {
      const items = sub.items as SubscriptionItem[];
      expect(sub.mrr_minor).toBe(monthlyRecurringRevenue(items, String(sub.billing_interval)));
      const rows = versions.get(sub.id)!;
      expect(rows[0]).toMatchObject({ change_reason: "created", effective_at: sub.started_at });
      const last = rows[rows.length - 1];
      expect([last.status, last.items, last.mrr_minor]).toEqual([sub.status, sub.items, sub.mrr_minor]);
      for (const v of rows) {
        expect(v.mrr_minor).toBe(
          monthlyRecurringRevenue(v.items as SubscriptionItem[], String(v.billing_interval)),
        );
        reasons.add(v.change_reason);
      }
      if (sub.status === "canceled") expect(last.effective_at).toBe(sub.ended_at);
    }
    for (const reason of ["created", "expansion", "churn"]) expect(reasons).toContain(reason);
  });

  it("bills invoices whose totals are the sum of their lines", () => {
    const lines = groupBy(demo.invoice_lines, "invoice_id");
    for (const invoice of demo.invoices) {
      const own = lines.get(invoice.id)!;
      for (const line of own)
        expect(line.amount_minor).toBe(Number(line.quantity) * Number(line.unit_amount_minor));
      const sum = own.reduce((total, line) => total + Number(line.amount_minor), 0);
      expect(invoice.subtotal_minor).toBe(sum);
      expect(invoice.total_minor).toBe(sum + Number(invoice.tax_minor));
      if (invoice.status === "paid") expect(invoice.amount_paid_minor).toBe(invoice.total_minor);
    }
    const payments = demo.payments;
    const failed = payments.filter((p) => p.status === "failed").length / payments.length;
    expect(failed).toBeGreaterThan(0.01);
    expect(failed).toBeLessThan(0.1);
  });
});
