import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;
type Opp = { id: string; version: number; stage: string; amount_minor: number };
let opps: Opp[];

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  const res = await post(s.app, admin, "/api/opportunities/bulk", {
    source: "t",
    records: ["A", "B", "C"].map((n, i) => ({
      external_id: n,
      name: `Deal ${n}`,
      stage: "discovery",
      amount_minor: (i + 1) * 100_000,
      currency: "USD",
    })),
  });
  expect(res.status).toBe(200);
  opps = (await request(s.app, "GET", "/api/opportunities?sort=name", admin)).body.data;
});
afterAll(() => s?.close());

const reload = async () =>
  (await request(s.app, "GET", "/api/opportunities?sort=name", admin)).body.data as Opp[];

describe("PATCH /api/<object>/bulk", () => {
  it("saves many rows in one go, with stage history for each", async () => {
    const res = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: { stage: "proposal" } },
        { id: opps[1].id, version: opps[1].version, fields: { amount_minor: 250_000, next_step: "Call" } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: Opp) => [r.stage, r.amount_minor, r.version])).toEqual([
      ["proposal", 100_000, 2],
      ["discovery", 250_000, 2],
    ]);
    const { rows } = await sql<{ to_stage: string }>`select to_stage from opportunity_stage_history
      where workspace_id = ${s.ws.workspace.id} and opportunity_id = ${opps[0].id} order by changed_at`.execute(
      s.database.db,
    );
    expect(rows.map((r) => r.to_stage)).toEqual(["discovery", "proposal"]);
    const audit = await request(s.app, "GET", `/api/opportunities/${opps[1].id}/history`, admin);
    expect(audit.body.data[0].action).toBe("updated");
    opps = await reload();
  });

  it("saves nothing when one value is invalid, naming the change and field", async () => {
    const res = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: { next_step: "ok" } },
        { id: opps[1].id, version: opps[1].version, fields: { currency: "XYZ", color: "red" } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ row: 1, field: "currency", message: expect.stringContaining("ISO 4217") }),
      expect.objectContaining({ row: 1, field: "color", code: "unknown_field" }),
    ]);
    expect((await reload()).map((o) => o.version)).toEqual(opps.map((o) => o.version));
  });

  it("refuses stale versions, listing every stale record with its stored values", async () => {
    await request(s.app, "PATCH", `/api/opportunities/${opps[2].id}`, admin, {
      version: opps[2].version,
      next_step: "theirs",
    });
    const res = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: { next_step: "mine" } },
        { id: opps[2].id, version: opps[2].version, fields: { next_step: "mine" } },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "version_conflict",
      stale: [
        {
          id: opps[2].id,
          version: opps[2].version,
          current_version: opps[2].version + 1,
          current: { next_step: "theirs" },
        },
      ],
    });
    const after = await reload();
    expect(after[0].version).toBe(opps[0].version);
    opps = after;
  });

  it("rejects unknown ids, another workspace's rows, duplicates and bad references as a whole", async () => {
    const other = await post(s.app, s.other.headers, "/api/opportunities", {
      name: "Theirs",
      stage: "x",
      currency: "USD",
    });
    const res = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: { next_step: "x" } },
        { id: other.body.id, version: 1, fields: { next_step: "x" } },
      ],
    });
    expect(res.status).toBe(404);
    expect(res.body.error.details).toEqual([expect.objectContaining({ row: 1, field: "id" })]);
    const dup = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: {} },
        { id: opps[0].id, version: opps[0].version, fields: {} },
      ],
    });
    expect(dup.body.error.details[0]).toMatchObject({ row: 1, field: "id" });
    const ref = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, {
      changes: [
        { id: opps[0].id, version: opps[0].version, fields: { next_step: "x" } },
        { id: opps[1].id, version: opps[1].version, fields: { account_id: "acc_nope" } },
      ],
    });
    expect(ref.status).toBe(422);
    expect(ref.body.error).toMatchObject({ code: "reference_not_found", field: "account_id" });
    expect(ref.body.error.details[0].row).toBe(1);
    expect((await reload()).map((o) => o.version)).toEqual(opps.map((o) => o.version));
    const empty = await request(s.app, "PATCH", "/api/opportunities/bulk", admin, { changes: [] });
    expect(empty.status).toBe(422);
  });

  it("follows the role matrix", async () => {
    const change = { changes: [{ id: opps[0].id, version: opps[0].version, fields: { next_step: "role" } }] };
    expect((await request(s.app, "PATCH", "/api/opportunities/bulk", s.keys.viewer, change)).status).toBe(
      403,
    );
    expect((await request(s.app, "PATCH", "/api/opportunities/bulk", s.keys.finance, change)).status).toBe(
      403,
    );
    expect((await request(s.app, "PATCH", "/api/opportunities/bulk", s.keys.sales_rep, change)).status).toBe(
      200,
    );
  });
});
