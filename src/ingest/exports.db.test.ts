import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedEveryObject } from "../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { createApiKey } from "../auth/index.ts";
import { upload, waitForImport } from "./testing/api-helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await openTestServer();
});
afterAll(() => s?.close());

const SYSTEM = new Set(["created_at", "updated_at", "version"]);
const strip = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !SYSTEM.has(k)));

it("streams any object with the list filters as CSV or JSON lines", async () => {
  for (const email of ["a@x.example", "b@x.example", "c@y.example"])
    await s.app.inject({
      method: "POST",
      url: "/api/contacts",
      headers: s.keys.admin,
      payload: { email, lifecycle_stage: "lead" },
    });
  const csv = await s.app.inject({
    method: "GET",
    url: "/api/exports/contacts?format=csv&email[like]=x.example&sort=email",
    headers: s.keys.viewer,
  });
  expect(csv.statusCode).toBe(200);
  expect(csv.headers["content-type"]).toContain("text/csv");
  const lines = csv.body.trim().split("\n");
  expect(lines[0].startsWith("id,source,external_id,account_id,first_name")).toBe(true);
  expect(lines.slice(1).map((l) => l.split(",")[6])).toEqual(["a@x.example", "b@x.example"]);
  const jsonl = await s.app.inject({
    method: "GET",
    url: "/api/exports/contacts?format=jsonl&email=c@y.example",
    headers: s.keys.viewer,
  });
  expect(
    jsonl.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).email),
  ).toEqual(["c@y.example"]);
  const bad = await s.app.inject({
    method: "GET",
    url: "/api/exports/contacts?colour=red",
    headers: s.keys.viewer,
  });
  expect(bad.statusCode).toBe(400);
  const format = await s.app.inject({
    method: "GET",
    url: "/api/exports/contacts?format=xml",
    headers: s.keys.viewer,
  });
  expect(format.statusCode).toBe(400);
});

it("round trip: export → generic import into a fresh workspace → the same records", async () => {
  const source = s.other.headers;
  await seedEveryObject(s.app, source);
  const fresh = await (await import("../db/testing/test-database.ts")).createTestWorkspace(
    s.database.db,
    "Fresh",
  );
  const target = {
    authorization: `Bearer ${(await createApiKey(s.database.db, fresh.admin, { name: "t", role: "admin" })).key}`,
  };
  const objects = [
    "refunds",
    "payments",
    "invoice_lines",
    "invoices",
    "subscriptions",
    "price_book_entries",
    "products",
    "tickets",
    "activities",
    "opportunities",
    "touchpoints",
    "costs",
    "contacts",
    "campaigns",
    "accounts",
    "partners",
    "teams",
  ];
  for (const object of objects) {
    const format = object === "subscriptions" ? "jsonl" : "csv";
    const exported = await s.app.inject({
      method: "GET",
      url: `/api/exports/${object}?format=${format}`,
      headers: source,
    });
    expect(exported.statusCode).toBe(200);
    const res = await upload(
      s.app,
      target,
      { preset: "generic", object, format },
      { path: `${object}.${format}`, content: exported.body },
    );
    expect(res.status).toBe(202);
    const done = await waitForImport(s.app, target, res.body.id);
    expect([object, done.status, done.rejected]).toEqual([object, "completed", 0]);
  }
  for (const object of objects) {
    const path = object.replaceAll("_", "-");
    const a = (
      await s.app.inject({ method: "GET", url: `/api/${path}?limit=500&sort=id`, headers: source })
    ).json().data;
    const b = (
      await s.app.inject({ method: "GET", url: `/api/${path}?limit=500&sort=id`, headers: target })
    ).json().data;
    expect([object, b.map(strip)]).toEqual([object, a.map(strip)]);
  }
  // Lifecycle history travels too (became_<stage>_at): each contact first reached each stage at
  // the same time in both workspaces, so funnel metrics agree.
  const reached = async (workspaceId: string) =>
    (
      await sql<{
        key: string;
        stage: string;
        at: Date | string;
      }>`select c.external_id as key, lt.to_stage as stage,
          min(lt.transitioned_at) as at from lifecycle_transitions lt
        join contacts c on c.workspace_id = lt.workspace_id and c.id = lt.subject_id
        where lt.workspace_id = ${workspaceId} group by 1, 2 order by 1, 2`.execute(s.database.db)
    ).rows.map((r) => [r.key, r.stage, new Date(r.at).toISOString()]);
  const before = await reached(s.other.ws.workspace.id);
  expect(before.length).toBeGreaterThan(0);
  expect(await reached(fresh.workspace.id)).toEqual(before);
  const again = await s.app.inject({ method: "GET", url: "/api/exports/contacts", headers: source });
  const re = await upload(
    s.app,
    target,
    { preset: "generic", object: "contacts" },
    { path: "contacts.csv", content: again.body },
  );
  expect(await waitForImport(s.app, target, re.body.id)).toMatchObject({
    created: 0,
    updated: 0,
    unchanged: 1,
  });
});
