import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tablesNeverAnalysed } from "../db/statistics.ts";
import { createTestWorkspace, openTestDatabase } from "../db/testing/test-database.ts";
import type { Database, Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { monthlyRecurringRevenue } from "../model/mrr.ts";
import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import { OBJECTS } from "../model/registry.ts";
import { type DemoProgress, type DemoSummary, loadDemo, workspaceHasData } from "./index.ts";

const NOW = new Date("2025-06-01T00:00:00Z");

let database: Database;
let db: Db;
let ws: string;
let otherWs: string;
let summary: DemoSummary;
const progress: DemoProgress[] = [];

async function countsIn(workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const def of OBJECTS) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(def.key)}
      where workspace_id = ${workspaceId} and source = 'demo'`.execute(db);
    if (result.rows[0].n > 0) counts[def.key] = result.rows[0].n;
  }
  return counts;
}

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows[0];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  ws = (await createTestWorkspace(db, "Demo")).workspace.id;
  otherWs = (await createTestWorkspace(db, "Other")).workspace.id;
  summary = await loadDemo(db, ws, { now: NOW }, (p) => progress.push(p));
});

afterAll(async () => {
  await database?.close();
});

describe("loadDemo", () => {
  it("writes every generated row into the workspace, and reports progress to the last row", async () => {
    expect(await countsIn(ws)).toEqual(summary.rows);
    expect(summary.rows.accounts).toBe(300);
    expect(await countsIn(otherWs)).toEqual({});
    expect(await workspaceHasData(db, ws)).toBe(true);
    expect(await workspaceHasData(db, otherWs)).toBe(false);
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    const last = progress[progress.length - 1];
    expect([last.rows, last.totalRows]).toEqual([total, total]);
    expect(progress.every((p, i) => i === 0 || p.rows >= progress[i - 1].rows)).toBe(true);
  });

  it("leaves the planner statistics of every table fresh, so lists read an index instead of sorting the table", async () => {
    expect(await tablesNeverAnalysed(db)).toEqual([]);
    const { rows } = await sql<{ plan: string }>`explain select id from accounts where workspace_id = ${ws}
      order by created_at desc, id desc limit 51`.execute(db);
    const plan = rows.map((r) => Object.values(r)[0]).join("\n");
    expect(plan).toMatch(/Index (Only )?Scan/);
    expect(plan).not.toMatch(/Sort/);
  });

  it("refuses a second load and changes nothing", async () => {
    const before = await countsIn(ws);
    const error = await loadDemo(db, ws, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("duplicate");
    expect(await countsIn(ws)).toEqual(before);
  });

  it("removes what it wrote when loading fails part-way", async () => {
    const broken = (await createTestWorkspace(db, "Broken")).workspace.id;
    // A row already holding the external id of the first account's first transition.
    await sql`insert into lifecycle_transitions (workspace_id, id, source, external_id, subject_type, subject_id, to_stage, transitioned_at)
      values (${broken}, 'lct_taken', 'demo', 'acct-000001-lc1', 'account', 'acc_none', 'lead', now())`.execute(
      db,
    );
    await expect(loadDemo(db, broken, { accounts: 20, now: NOW })).rejects.toThrow();
    expect(await countsIn(broken)).toEqual({});
    expect(await workspaceHasData(db, broken)).toBe(false);
  });

  it("leaves no reference dangling or pointing into another workspace", async () => {
    for (const def of OBJECTS) {
      for (const [field, f] of Object.entries(def.fields)) {
        if (f.kind !== "ref") continue;
        const row = await one(sql<{ n: number }>`select count(*)::int as n from ${sql.table(def.key)} r
          where r.workspace_id = ${ws} and r.${sql.ref(field)} is not null and not exists (
            select 1 from ${sql.table(f.ref!)} t where t.workspace_id = r.workspace_id and t.id = r.${sql.ref(field)})`);
        expect(row.n, `${def.key}.${field}`).toBe(0);
      }
    }
    const subjects = await one(sql<{ n: number }>`select count(*)::int as n from lifecycle_transitions t
      where t.workspace_id = ${ws} and not exists (select 1 from contacts c where c.workspace_id = t.workspace_id and c.id = t.subject_id)
        and not exists (select 1 from accounts a where a.workspace_id = t.workspace_id and a.id = t.subject_id)`);
    expect(subjects.n).toBe(0);
  });

  it("ends every opportunity's stage history on its current stage, amount and close date", async () => {
    const row = await one(sql<{
      n: number;
      total: number;
    }>`select count(*) filter (where h.to_stage is distinct from o.stage
        or h.amount_minor is distinct from o.amount_minor or h.close_date is distinct from o.close_date
        or h.forecast_category is distinct from o.forecast_category)::int as n, count(*)::int as total
      from opportunities o
      join lateral (select * from opportunity_stage_history h where h.workspace_id = o.workspace_id
        and h.opportunity_id = o.id order by h.changed_at desc limit 1) h on true
      where o.workspace_id = ${ws}`);
    expect(row.total).toBe(summary.rows.opportunities);
    expect(row.n).toBe(0);
  });

  it("gives every contact the stage of its last lifecycle transition", async () => {
    const row = await one(sql<{ n: number; total: number }>`select
        count(*) filter (where t.to_stage is distinct from c.lifecycle_stage)::int as n, count(*)::int as total
      from contacts c
      join lateral (select to_stage from lifecycle_transitions t where t.workspace_id = c.workspace_id
        and t.subject_id = c.id order by t.transitioned_at desc limit 1) t on true
      where c.workspace_id = ${ws}`);
    expect(row.total).toBe(summary.rows.contacts);
    expect(row.n).toBe(0);
  });

  it("stores subscription MRR equal to its items, and invoice totals equal to their lines", async () => {
    const subs = await db
      .selectFrom("subscriptions")
      .select(["items", "billing_interval", "mrr_minor"])
      .where("workspace_id", "=", ws)
      .execute();
    for (const sub of subs) {
      expect(sub.mrr_minor).toBe(
        monthlyRecurringRevenue(sub.items as SubscriptionItem[], sub.billing_interval),
      );
    }
    const invoices = await one(sql<{ n: number }>`select count(*)::int as n from invoices i
      where i.workspace_id = ${ws} and i.subtotal_minor <> (select coalesce(sum(l.amount_minor), 0)
        from invoice_lines l where l.workspace_id = i.workspace_id and l.invoice_id = i.id)
        or i.total_minor <> i.subtotal_minor + i.tax_minor`);
    expect(invoices.n).toBe(0);
  });

  it("wins 30–50% of closed deals", async () => {
    const row = await one(sql<{ rate: number }>`select (count(*) filter (where status = 'won'))::float
      / count(*) as rate from opportunities where workspace_id = ${ws} and status in ('won', 'lost')`);
    expect(row.rate).toBeGreaterThan(0.3);
    expect(row.rate).toBeLessThan(0.5);
  });

  it("records one audit entry and one event for the load, and users who cannot sign in", async () => {
    // Only the admin the test created and the load itself: no entry per demo record.
    const audit = await db.selectFrom("audit_log").selectAll().where("workspace_id", "=", ws).execute();
    expect(audit.filter((a) => a.action === "demo_loaded").map((a) => [a.object, a.record_id])).toEqual([
      ["workspace", ws],
    ]);
    expect(audit.length).toBeLessThanOrEqual(2);
    const events = await db
      .selectFrom("outbox_events")
      .select("type")
      .where("workspace_id", "=", ws)
      .execute();
    expect(events.filter((e) => e.type === "workspace.demo_loaded")).toHaveLength(1);
    expect(events.length).toBeLessThanOrEqual(2);
    const users = await one(sql<{ n: number }>`select count(*)::int as n from users
      where workspace_id = ${ws} and source = 'demo' and password_hash is not null`);
    expect(users.n).toBe(0);
    const managers = await one(sql<{ n: number }>`select count(*)::int as n from teams
      where workspace_id = ${ws} and manager_id is null`);
    expect(managers.n).toBe(0);
  });
});
