import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../../db/testing/test-database.ts";
import type { Database } from "../../db/types.ts";
import { insertJsonRows, updateJsonRows } from "./sql-helpers.ts";

// Big batches travel by COPY into a staging table, small ones as one JSON parameter: both must
// store exactly the values given, whatever characters they hold.
const AWKWARD = [
  "tab\there",
  "line\nbreak",
  "carriage\rreturn",
  "back\\slash \\N not null",
  "quote \" and 'single'",
  "ünïcödé — 日本語 🚀",
  "",
];

function contacts(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `con_${prefix}${String(i).padStart(4, "0")}`,
    source: "crm",
    external_id: `${prefix}-${i}`,
    first_name: AWKWARD[i % AWKWARD.length],
    last_name: i % 3 === 0 ? null : `Last ${i}`,
    lifecycle_stage: i % 2 === 0 ? "lead" : null,
    custom: i % 4 === 0 ? { note: AWKWARD[i % AWKWARD.length], n: i, nested: [1, "\t", null] } : null,
    raw: { "first name": AWKWARD[(i + 1) % AWKWARD.length], row: i },
  }));
}

describe("set-based inserts and updates (JSON parameter and COPY staging)", () => {
  let database: Database;
  let workspaceId: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    workspaceId = (await createTestWorkspace(database.db)).workspace.id;
  });
  afterAll(() => database.close());

  const read = async (prefix: string) =>
    (
      await sql<
        Record<string, unknown>
      >`select id, external_id, first_name, last_name, lifecycle_stage, custom, raw
        from contacts where workspace_id = ${workspaceId} and id like ${`con_${prefix}%`} order by id`.execute(
        database.db,
      )
    ).rows;

  for (const [label, n] of [
    ["a JSON parameter", 20],
    ["COPY", 250],
  ] as const) {
    it(`stores every value exactly through ${label}, defaults filling the empty columns`, async () => {
      const prefix = label === "COPY" ? "c" : "j";
      const rows = contacts(prefix, n);
      const ids = await database.db
        .transaction()
        .execute((tx) => insertJsonRows(tx, "contacts", workspaceId, rows, true));
      expect(ids).toHaveLength(n);
      const stored = await read(prefix);
      expect(stored).toHaveLength(n);
      for (const [i, row] of stored.entries()) {
        expect(row.first_name).toBe(AWKWARD[i % AWKWARD.length]);
        expect(row.last_name).toBe(i % 3 === 0 ? null : `Last ${i}`);
        // NOT NULL columns left empty take the table's default.
        expect(row.lifecycle_stage).toBe("lead");
        expect(row.custom).toEqual(rows[i].custom ?? {});
        expect(row.raw).toEqual({ "first name": AWKWARD[(i + 1) % AWKWARD.length], row: i });
      }
    });
  }

  // Rows with every NOT NULL column filled go straight into the table by COPY.
  const filled = (prefix: string, n: number) =>
    contacts(prefix, n).map((r, i) => ({ ...r, lifecycle_stage: "customer", custom: { i } }));

  it("COPYs filled rows straight into the table, values exact", async () => {
    const rows = filled("f", 300);
    const ids = await database.db
      .transaction()
      .execute((tx) => insertJsonRows(tx, "contacts", workspaceId, rows, true));
    expect(ids).toEqual(rows.map((r) => r.id));
    const stored = await read("f");
    expect(stored).toHaveLength(300);
    for (const [i, row] of stored.entries()) {
      expect(row.first_name).toBe(AWKWARD[i % AWKWARD.length]);
      expect(row.lifecycle_stage).toBe("customer");
      expect(row.custom).toEqual({ i });
      expect(row.raw).toEqual({ "first name": AWKWARD[(i + 1) % AWKWARD.length], row: i });
    }
  });

  it("falls back to skipping existing keys when a straight COPY hits one, and keeps the transaction usable", async () => {
    const again = filled("f", 300).map((r) => ({ ...r, id: `${r.id}x` }));
    const fresh = filled("g", 150);
    const ids = await database.db.transaction().execute(async (tx) => {
      const inserted = await insertJsonRows(tx, "contacts", workspaceId, [...again, ...fresh], true);
      // The same transaction goes on after the failed COPY was rolled back to its savepoint.
      await sql`update contacts set title = 'after' where workspace_id = ${workspaceId} and id = ${fresh[0].id}`.execute(
        tx,
      );
      return inserted;
    });
    expect(ids.sort()).toEqual(fresh.map((r) => r.id).sort());
    const { rows } = await sql<{ title: string }>`select title from contacts
      where workspace_id = ${workspaceId} and id = ${fresh[0].id}`.execute(database.db);
    expect(rows[0].title).toBe("after");
    expect(await read("f")).toHaveLength(300);
  });

  it("skips keys that exist (on conflict) and returns only the ids it inserted", async () => {
    const again = contacts("c", 250).map((r) => ({ ...r, id: `${r.id}x` }));
    const fresh = contacts("d", 150);
    const ids = await database.db
      .transaction()
      .execute((tx) => insertJsonRows(tx, "contacts", workspaceId, [...again, ...fresh], true));
    expect(ids.sort()).toEqual(fresh.map((r) => r.id).sort());
  });

  it("updates many rows through COPY, twice in one transaction, and a rolled-back one leaves nothing", async () => {
    const ids = contacts("c", 250).map((r) => r.id);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await updateJsonRows(
          tx,
          "contacts",
          workspaceId,
          ["title"],
          ids.map((id) => ({ id, title: "rolled back" })),
          true,
        );
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await database.db.transaction().execute(async (tx) => {
      await updateJsonRows(
        tx,
        "contacts",
        workspaceId,
        ["title"],
        ids.map((id, i) => ({ id, title: `first ${i}` })),
        true,
      );
      await updateJsonRows(
        tx,
        "contacts",
        workspaceId,
        ["title", "custom"],
        ids.slice(0, 120).map((id, i) => ({ id, title: `second\t${i}`, custom: { i } })),
        true,
      );
    });
    const { rows } = await sql<{
      title: string;
      version: number;
      custom: unknown;
    }>`select title, version, custom
      from contacts where workspace_id = ${workspaceId} and id like 'con_c%' order by id`.execute(
      database.db,
    );
    expect(rows).toHaveLength(250);
    expect(rows[0]).toEqual({ title: "second\t0", version: 3, custom: { i: 0 } });
    expect(rows[119].title).toBe("second\t119");
    expect(rows[120]).toMatchObject({ title: "first 120", version: 2 });
    expect(rows.some((r) => r.title === "rolled back")).toBe(false);
  });
});
