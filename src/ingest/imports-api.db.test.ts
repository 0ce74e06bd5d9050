import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { upload, waitForImport } from "./testing/api-helpers.ts";
import { sample } from "./testing/import-file.ts";

let s: TestServer;
beforeAll(async () => {
  s = await openTestServer();
});
afterAll(() => s?.close());

const admin = () => s.keys.admin;

describe("POST /api/imports", () => {
  it("uploads a file, runs it as a job and reports progress and counts", async () => {
    const res = await upload(
      s.app,
      admin(),
      { preset: "hubspot-companies" },
      { path: sample("hubspot-companies.csv") },
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ preset: "hubspot-companies", source: "hubspot", status: "queued" });
    const done = await waitForImport(s.app, admin(), res.body.id);
    expect(done).toMatchObject({ status: "completed", rows: 5, created: 5, rejected: 0, progress: 1 });
    const list = await s.app.inject({ method: "GET", url: "/api/imports", headers: admin() });
    expect(list.json().data.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it("quarantines bad rows with row, field and reason, and serves them as rejected.csv to fix and re-import", async () => {
    const content = [
      "Record ID,First Name,Last Name,Email,Lifecycle Stage",
      "201,Ok,Row,ok@example.com,Lead",
      "202,Bad,Email,not-an-email,Lead",
      ",No,Key,nokey@example.com,Lead",
      "204,Bad,Stage,stage@example.com,Champion",
      "205,Also,Ok,also@example.com,Customer",
    ].join("\n");
    const res = await upload(
      s.app,
      admin(),
      { preset: "hubspot-contacts" },
      { path: "contacts.csv", content },
    );
    const done = await waitForImport(s.app, admin(), res.body.id);
    expect(done).toMatchObject({ status: "completed", rows: 5, created: 2, rejected: 3 });
    const rejections = await s.app.inject({
      method: "GET",
      url: `/api/imports/${res.body.id}/rejections`,
      headers: admin(),
    });
    expect(
      rejections
        .json()
        .data.map((r: Record<string, unknown>) => [r.row_number, r.field, r.column_name, r.reason]),
    ).toEqual([
      [2, "email", "Email", 'email: must be a valid email address (column "Email")'],
      [3, "external_id", "Record ID", 'external_id: is required (column "Record ID")'],
      [
        4,
        "lifecycle_stage",
        "Lifecycle Stage",
        'lifecycle_stage: "Champion" is not a known lifecycle stage (column "Lifecycle Stage")',
      ],
    ]);
    const csv = await s.app.inject({
      method: "GET",
      url: `/api/imports/${res.body.id}/rejected.csv`,
      headers: admin(),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\ufeffRecord ID,")).toBe(true); // so Excel reads it as UTF-8
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "Record ID,First Name,Last Name,Email,Lifecycle Stage,revline_row,revline_field,revline_reason",
    );
    expect(lines[1]).toBe(
      '202,Bad,Email,not-an-email,Lead,2,email,"email: must be a valid email address (column ""Email"")"',
    );
    expect(lines).toHaveLength(4);

    const fixed = csv.body.replace("not-an-email", "fixed@example.com").replace(",Champion,", ",Evangelist,");
    const again = await upload(
      s.app,
      admin(),
      { preset: "hubspot-contacts" },
      { path: "fixed.csv", content: fixed },
    );
    const second = await waitForImport(s.app, admin(), again.body.id);
    expect(second).toMatchObject({ status: "completed", rows: 3, created: 2, rejected: 1 });
  });

  it("dry run: shows the mapping and the first problems, writes nothing", async () => {
    const before = await s.app.inject({ method: "GET", url: "/api/imports", headers: admin() });
    const res = await upload(
      s.app,
      admin(),
      { preset: "hubspot-contacts", dry_run: "true" },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ preset: "hubspot-contacts", rows: 7, valid_rows: 6, rejected_rows: 1 });
    expect(res.body.columns.mapped).toContainEqual({ column: "Email", field: "contacts.email" });
    expect(res.body.columns.unmapped).toContain("Lead Status");
    expect(res.body.problems[0]).toMatchObject({ row: 6, field: "email", column: "Email" });
    expect(res.body.sample[0]).toMatchObject({
      object: "contacts",
      external_id: "101",
      fields: { lifecycle_stage: "customer" },
    });
    const after = await s.app.inject({ method: "GET", url: "/api/imports", headers: admin() });
    expect(after.json().data).toHaveLength(before.json().data.length);
  });

  it("refuses a file that is not the preset's export, an unknown preset, and a bad mapping", async () => {
    const wrong = await upload(
      s.app,
      admin(),
      { preset: "stripe-customers" },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('column "id" is missing');
    const unknown = await upload(
      s.app,
      admin(),
      { preset: "pipedrive" },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(unknown.body.error).toMatchObject({ code: "validation_failed", field: "preset" });
    const mapping = JSON.stringify({ object: "contacts", columns: { Email: "e_mail" } });
    const bad = await upload(
      s.app,
      admin(),
      { preset: "generic", mapping },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(bad.body.error).toMatchObject({ code: "validation_failed", field: "mapping.columns.Email" });
    const order = await upload(
      s.app,
      admin(),
      { preset: "hubspot-contacts", date_order: "ymd" },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(order.status).toBe(422);
    expect(order.body.error).toMatchObject({ code: "validation_failed", field: "date_order" });
  });

  it("takes date_order for a file whose dates read either way (03/04/2026), in the dry run and the import", async () => {
    const content =
      "Record ID,Deal Name,Deal Stage,Amount,Close Date\n8801,Either way,Closed Won,100,03/04/2026\n";
    const preview = await upload(
      s.app,
      admin(),
      { preset: "hubspot-deals", date_order: "dmy", dry_run: "true" },
      { path: "deals.csv", content },
    );
    expect(preview.body.file).toMatchObject({ date_order: "dmy", date_order_from: "option" });
    expect(preview.body.sample[0].fields.close_date).toBe("2026-04-03");
    const started = await upload(
      s.app,
      admin(),
      { preset: "hubspot-deals", date_order: "dmy" },
      { path: "deals.csv", content },
    );
    expect(await waitForImport(s.app, admin(), started.body.id)).toMatchObject({
      status: "completed",
      created: 1,
    });
    const list = await s.app.inject({
      method: "GET",
      url: "/api/opportunities?source=hubspot&external_id=8801",
      headers: admin(),
    });
    expect(list.json().data.map((o: { close_date: string }) => o.close_date)).toEqual(["2026-04-03"]);
  });

  it("lists presets with their column mappings for the import wizard", async () => {
    const res = await s.app.inject({ method: "GET", url: "/api/imports/presets", headers: admin() });
    const names = res.json().data.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "hubspot-contacts",
        "salesforce-opportunities",
        "stripe-subscriptions",
        "zendesk-tickets",
        "generic",
      ]),
    );
    const deals = res.json().data.find((p: { name: string }) => p.name === "hubspot-deals");
    expect(deals.columns).toContainEqual(
      expect.objectContaining({ column: "Amount", field: "opportunities.amount_minor" }),
    );
  });

  it("checks the role against every object an import writes (403) and who may read an import", async () => {
    const viewer = await upload(
      s.app,
      s.keys.viewer,
      { preset: "hubspot-contacts" },
      { path: sample("hubspot-contacts.csv") },
    );
    expect(viewer.status).toBe(403);
    const finance = await upload(
      s.app,
      s.keys.finance,
      { preset: "hubspot-deals" },
      { path: sample("hubspot-deals.csv") },
    );
    expect(finance.status).toBe(403);
    expect(finance.body.error.message).toContain("pipeline");
    const crm = await upload(
      s.app,
      s.keys.finance,
      { preset: "stripe-customers", dry_run: "true" },
      { path: sample("stripe-customers.csv") },
    );
    expect(crm.status).toBe(403);
    const sales = await upload(
      s.app,
      s.keys.sales_ops,
      { preset: "hubspot-deals", dry_run: "true" },
      { path: sample("hubspot-deals.csv") },
    );
    expect(sales.status).toBe(200);
    const other = await s.app.inject({ method: "GET", url: "/api/imports", headers: s.other.headers });
    expect(other.json().data).toEqual([]);
  });
});
