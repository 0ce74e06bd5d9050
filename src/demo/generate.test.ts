import { describe, expect, it } from "vitest";
import { generateDemo, startDemo } from "./generate.ts";
import { referenceChecker } from "./references.ts";
import type { Row, Tables } from "./rows.ts";

const NOW = new Date("2025-06-01T00:00:00Z");

/** Rows with every id replaced by its table and external id, so two runs compare equal. */
function canonical(tables: Tables): Record<string, Row[]> {
  const names = new Map<string, string>();
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows) names.set(row.id as string, `${table}:${row.external_id}`);
  }
  const swap = (value: unknown): unknown => {
    if (typeof value === "string") return names.get(value) ?? value;
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    }
    return value;
  };
  const out: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(tables)) {
    out[table] = rows
      .map((row) => swap(row) as Row)
      .sort((a, b) => String(a.external_id).localeCompare(String(b.external_id)));
  }
  return out;
}

describe("the demo generator", () => {
  it("gives the same company for the same seed and now, ids aside", () => {
    const first = canonical(generateDemo({ accounts: 60, seed: 7, now: NOW }));
    const second = canonical(generateDemo({ accounts: 60, seed: 7, now: NOW }));
    expect(second).toEqual(first);
    const other = canonical(generateDemo({ accounts: 60, seed: 8, now: NOW }));
    expect(other.accounts).not.toEqual(first.accounts);
  });

  it("gives the same accounts however the work is chunked", () => {
    const whole = startDemo({ accounts: 40, now: NOW });
    const chunked = startDemo({ accounts: 40, now: NOW });
    const merged: Tables = {};
    for (const part of [chunked.accounts(0, 15), chunked.accounts(15, 40)]) {
      for (const [table, rows] of Object.entries(part)) merged[table] = [...(merged[table] ?? []), ...rows];
    }
    const withFoundation = (run: typeof whole, tables: Tables) => canonical({ ...run.foundation, ...tables });
    expect(withFoundation(chunked, merged).accounts).toEqual(
      withFoundation(whole, whole.accounts(0, 40)).accounts,
    );
    expect(withFoundation(chunked, merged).invoices).toEqual(
      withFoundation(whole, whole.accounts(0, 40)).invoices,
    );
  });

  const demo = generateDemo({ now: NOW });

  it("generates a believable company at the default size", () => {
    const count = (table: string) => demo[table]?.length ?? 0;
    expect(count("accounts")).toBe(300);
    expect(count("users")).toBeGreaterThanOrEqual(12);
    expect(count("partners")).toBeGreaterThanOrEqual(4);
    expect(count("contacts") / count("accounts")).toBeGreaterThan(2);
    expect(count("contacts") / count("accounts")).toBeLessThan(6);
    for (const table of [
      "teams",
      "products",
      "price_book_entries",
      "campaigns",
      "costs",
      "fx_rates",
      "targets",
    ]) {
      expect(count(table), table).toBeGreaterThan(0);
    }
    for (const table of [
      "touchpoints",
      "opportunities",
      "activities",
      "tickets",
      "subscriptions",
      "invoices",
    ]) {
      expect(count(table), table).toBeGreaterThan(50);
    }
    const roles = new Set(demo.users.map((u) => u.role));
    for (const role of [
      "sales_rep",
      "sales_ops",
      "marketing_ops",
      "cs_ops",
      "finance",
      "partner_ops",
      "revenue_analyst",
    ]) {
      expect(roles, role).toContain(role);
    }
    expect(demo.users.filter((u) => u.role === "sales_rep").length).toBeGreaterThan(demo.users.length / 2);
    expect(demo.users.every((u) => !("password_hash" in u) || u.password_hash === null)).toBe(true);
  });

  it("wins between 30% and 50% of closed deals, with open and stalled deals at now", () => {
    const closed = demo.opportunities.filter((o) => o.status !== "open");
    const won = closed.filter((o) => o.status === "won").length;
    expect(won / closed.length).toBeGreaterThan(0.3);
    expect(won / closed.length).toBeLessThan(0.5);
    const open = demo.opportunities.filter((o) => o.status === "open");
    expect(open.length).toBeGreaterThan(3);
    expect(open.some((o) => String(o.close_date) < NOW.toISOString().slice(0, 10))).toBe(true);
    expect(new Set(demo.opportunities.map((o) => o.type))).toEqual(new Set(["new", "expansion", "renewal"]));
  });

  it("adds campaign spend up from its cost entries, and costs every month so CAC is computable", () => {
    const spent = new Map<unknown, number>();
    for (const cost of demo.costs) {
      if (cost.campaign_id)
        spent.set(cost.campaign_id, (spent.get(cost.campaign_id) ?? 0) + Number(cost.amount_minor));
    }
    for (const campaign of demo.campaigns) expect(campaign.spend_minor).toBe(spent.get(campaign.id) ?? 0);
    const channels = new Set(demo.campaigns.map((c) => c.channel));
    for (const channel of ["paid_search", "paid_social", "webinar", "event", "email", "content", "partner"]) {
      expect(channels).toContain(channel);
    }
    const months = (category: string) =>
      new Set(
        demo.costs.filter((c) => c.category === category).map((c) => String(c.incurred_on).slice(0, 7)),
      );
    for (const category of ["campaign", "marketing_salaries", "sales_salaries", "sales_tools"]) {
      expect(months(category).size, category).toBeGreaterThanOrEqual(36);
    }
  });

  it("keeps everything inside the three years before now", () => {
    const start = "2022-06-01";
    for (const [table, rows] of Object.entries(demo)) {
      for (const row of rows) {
        expect(String(row.created_at) <= NOW.toISOString(), `${table} ${row.external_id}`).toBe(true);
      }
    }
    expect(demo.accounts.every((a) => String(a.created_at) >= start)).toBe(true);
  });

  it("gives every row of a table the same columns and a unique external id", () => {
    for (const [table, rows] of Object.entries(demo)) {
      const columns = JSON.stringify(Object.keys(rows[0]).sort());
      for (const row of rows) expect(JSON.stringify(Object.keys(row).sort()), table).toBe(columns);
      expect(new Set(rows.map((r) => r.external_id)).size, table).toBe(rows.length);
      expect(
        rows.every((r) => r.source === "demo"),
        table,
      ).toBe(true);
    }
  });

  it("only references rows it generated", () => {
    expect(() => referenceChecker(demo)(demo)).not.toThrow();
  });
});
