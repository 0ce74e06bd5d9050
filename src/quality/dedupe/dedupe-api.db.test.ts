import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "../../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../../api/testing/test-server.ts";

// The demo company with 150 accounts and seed 1 has 474 contacts, 5 of them a person's second
// arrival (lead source "List import": another email, sometimes the phone without +1), each a
// true duplicate of its account's champion. The engine learns its weights from these records.
let s: TestServer;
let admin: Record<string, string>;
let secondArrivals: Array<{ id: string; email: string }>;

async function runToEnd(object: string, headers = admin) {
  const started = await post(s.app, headers, "/api/dedupe/runs", { object });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const run = await request(s.app, "GET", `/api/dedupe/runs/${started.body.id}`, headers);
    if (run.body.status !== "running") return run.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("run did not finish");
}

/** The demo depends on the day it ends: pinned, so the counts below hold on any day. */
const DEMO_NOW = "2026-11-28";

async function put(headers: Record<string, string>, body: unknown) {
  const res = await s.app.inject({
    method: "PUT",
    url: "/api/dedupe/settings",
    headers,
    payload: body as object,
  });
  return { status: res.statusCode, body: res.json() };
}

const clusters = async (query = "object=contacts") =>
  (await request(s.app, "GET", `/api/dedupe/clusters?${query}`, admin)).body;

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  const bad = await post(s.app, admin, "/api/demo", { accounts: 150, seed: 1, now: "last tuesday" });
  expect([bad.status, bad.body.error?.field]).toEqual([422, "now"]);
  const demo = await post(s.app, admin, "/api/demo", { accounts: 150, seed: 1, now: DEMO_NOW });
  expect(demo.status).toBe(200);
  const list = await request(s.app, "GET", "/api/contacts?lead_source=List%20import&limit=50", admin);
  secondArrivals = list.body.data;
});
afterAll(() => s?.close());

describe("a deduplication run of contacts", () => {
  it("writes nothing on a dry run", async () => {
    const dry = await post(s.app, admin, "/api/dedupe/runs", { object: "contacts", dry_run: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ run_id: null, dry_run: true, rows: 474 });
    expect(dry.body.clusters).toBeGreaterThanOrEqual(5);
    expect((await clusters()).total).toBe(0);
  });

  it("finds every injected second arrival, with its evidence, in the review queue", async () => {
    expect(secondArrivals).toHaveLength(5);
    const run = await runToEnd("contacts");
    expect(run).toMatchObject({ status: "done", stage: "done", rows_total: 474, auto_merged: 0 });
    expect(run.comparisons).toBeGreaterThan(1000);
    expect(run.queued).toBe(run.clusters);
    const page = await clusters();
    expect(page.total).toBe(run.clusters);
    const clustered = new Set(page.data.flatMap((c: { record_ids: string[] }) => c.record_ids));
    for (const dup of secondArrivals) expect(clustered.has(dup.id), dup.email).toBe(true);
    const top = page.data[0];
    expect(top.records).toHaveLength(2);
    expect(top.differing_fields).toContain("email");
    const evidence = top.pairs[0].explanation.fields;
    expect(evidence.find((f: { field: string }) => f.field === "last_name")).toMatchObject({
      level: "exact",
    });
    expect(evidence.find((f: { field: string }) => f.field === "last_name").weight).toBeGreaterThan(0);
  });

  it("remembers 'not a duplicate' so the next run does not propose the pair again", async () => {
    const page = await clusters();
    const last = page.data[page.data.length - 1];
    const decided = await post(s.app, admin, `/api/dedupe/pairs/${last.pairs[0].id}/not-duplicate`, {});
    expect(decided.status).toBe(200);
    expect(decided.body.cluster_status).toBe("dismissed");
    const run = await runToEnd("contacts");
    expect(JSON.parse(JSON.stringify(run.stats)).rejected_pairs).toBe(1);
    const again = await clusters();
    expect(again.total).toBe(page.total - 1);
    const pairs = again.data.map((c: { record_ids: string[] }) => c.record_ids.join());
    expect(pairs).not.toContain(last.record_ids.join());
  });

  it("merges a cluster, lists the merge, and undoes it", async () => {
    const dup = secondArrivals[0];
    const cluster = (await clusters()).data.find((c: { record_ids: string[] }) =>
      c.record_ids.includes(dup.id),
    );
    const survivor = cluster.records.find((r: { id: string }) => r.id !== dup.id);
    const versions = Object.fromEntries(
      cluster.records.map((r: { id: string; version: number }) => [r.id, r.version]),
    );
    const merged = await post(s.app, admin, `/api/dedupe/clusters/${cluster.id}/merge`, {
      survivor_id: survivor.id,
      fields: { email: survivor.id },
      versions,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.survivor.email).toBe(survivor.email);
    expect((await request(s.app, "GET", `/api/contacts/${dup.id}`, admin)).status).toBe(404);
    const again = await post(s.app, admin, `/api/dedupe/clusters/${cluster.id}/merge`, {
      survivor_id: survivor.id,
    });
    expect(again.status).toBe(409);
    const merges = await request(s.app, "GET", "/api/merges?object=contacts", admin);
    expect(merges.body.data[0]).toMatchObject({
      id: merged.body.merge_id,
      status: "merged",
      merged: [{ id: dup.id }],
    });
    const undone = await post(s.app, admin, `/api/merges/${merged.body.merge_id}/undo`, {});
    expect(undone.status).toBe(200);
    expect((await request(s.app, "GET", `/api/contacts/${dup.id}`, admin)).body.email).toBe(dup.email);
    expect((await clusters()).data.some((c: { id: string }) => c.id === cluster.id)).toBe(true);
  });

  it("merges clusters above the threshold itself when the workspace turns auto-merge on", async () => {
    const bad = await put(admin, { review_threshold: 0.995 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("review_threshold");
    const set = await put(admin, { auto_merge: true, auto_merge_threshold: 0.999 });
    expect(set.body).toEqual({ auto_merge: true, auto_merge_threshold: 0.999, review_threshold: 0.8 });
    const run = await runToEnd("contacts");
    expect(run.auto_merged).toBeGreaterThan(0);
    expect(run.queued).toBe(run.clusters - run.auto_merged);
    const merges = await request(s.app, "GET", "/api/merges?object=contacts&limit=50", admin);
    expect(merges.body.data.filter((m: { automatic: boolean }) => m.automatic)).toHaveLength(run.auto_merged);
    await put(admin, { auto_merge: false });
  });
});

describe("leads to accounts", () => {
  it("lists leads whose company email domain is an account's, not free-mail ones", async () => {
    const account = await post(s.app, admin, "/api/accounts", {
      name: "Leadwell",
      website: "https://www.leadwell.example/",
    });
    const lead = await post(s.app, admin, "/api/contacts", { email: "kim@leadwell.example" });
    await post(s.app, admin, "/api/contacts", { email: "kim.private@gmail.com" });
    const run = await runToEnd("leads");
    expect(run).toMatchObject({ status: "done", pairs: 1 });
    const matches = await request(s.app, "GET", "/api/dedupe/lead-matches", admin);
    expect(matches.body.data).toMatchObject([
      { contact_id: lead.body.id, account_id: account.body.id, account_name: "Leadwell" },
    ]);
  });
});

describe("access", () => {
  it("checks roles by the CRM area, keeps workspaces apart and names bad ids", async () => {
    expect((await post(s.app, s.keys.viewer, "/api/dedupe/runs", { object: "contacts" })).status).toBe(403);
    expect((await request(s.app, "GET", "/api/dedupe/clusters", s.keys.viewer)).status).toBe(200);
    expect((await put(s.keys.sales_ops, { auto_merge: true })).status).toBe(403);
    const bad = await post(s.app, admin, "/api/dedupe/runs", { object: "deals" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("object");
    const mine = (await clusters()).data[0];
    const theirs = await request(s.app, "GET", "/api/dedupe/clusters?object=contacts", s.other.headers);
    expect(theirs.body.total).toBe(0);
    const merge = await post(s.app, s.other.headers, `/api/dedupe/clusters/${mine.id}/merge`, {
      survivor_id: mine.record_ids[0],
    });
    expect(merge.status).toBe(404);
    expect(merge.body.error.message).toContain(mine.id);
    const run = await request(s.app, "GET", "/api/dedupe/runs/ddr_nope", admin);
    expect(run.status).toBe(404);
    expect(run.body.error.message).toContain("ddr_nope");
  });
});
