import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FieldDef } from "../model/fields.ts";
import { apiPath } from "../model/object-def.ts";
import { OBJECTS } from "../model/registry.ts";
import { PATCHES, post, request, seedEveryObject } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;
let seeded: Record<string, Record<string, unknown>>;
const writable = OBJECTS.filter((d) => !d.noGenericWrite);

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  seeded = await seedEveryObject(s.app, admin);
});
afterAll(() => s?.close());

function wrongValue(field: FieldDef): unknown {
  switch (field.kind) {
    case "text":
    case "url":
    case "ref":
      return 12345;
    case "boolean":
      return "yes";
    case "json":
      return 7;
    default:
      return "not-a-valid-value";
  }
}

describe("every object through the REST API", () => {
  it("has a seeded record for every writable object", () => {
    expect(Object.keys(seeded).sort()).toEqual(writable.map((d) => d.key).sort());
  });

  it.each(writable.map((d) => [d.key, d] as const))(
    "%s: get, list, patch with version, history",
    async (_key, def) => {
      const record = seeded[def.key];
      const base = `/api/${apiPath(def)}`;
      const got = await request(s.app, "GET", `${base}/${record.id}`, admin);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id: record.id, version: 1 });
      expect(got.body).not.toHaveProperty("workspace_id");

      const list = await request(s.app, "GET", `${base}?limit=500`, admin);
      expect(list.status).toBe(200);
      expect(list.body.data.map((r: { id: string }) => r.id)).toContain(record.id);

      const patch = PATCHES[def.key];
      const patched = await request(s.app, "PATCH", `${base}/${record.id}`, admin, { ...patch, version: 1 });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(2);
      for (const [k, v] of Object.entries(patch)) {
        const actual = patched.body[k];
        if (def.fields[k]?.kind === "timestamp")
          expect(new Date(actual).toISOString()).toBe(new Date(v as string).toISOString());
        else expect(actual).toEqual(v);
      }

      const history = await request(s.app, "GET", `${base}/${record.id}/history`, admin);
      expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(["updated", "created"]);
    },
  );

  it.each(writable.map((d) => [d.key, d] as const))(
    "%s: rejects unknown fields and wrong types, naming the field",
    async (_key, def) => {
      const base = `/api/${apiPath(def)}`;
      const before = (await request(s.app, "GET", `${base}?include_total=true`, admin)).body.total;

      const unknown = await post(s.app, admin, base, { bogus_field: 1 });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toContain("bogus_field");

      const [name, field] = Object.entries(def.fields).find(([, f]) => !f.readOnly && !f.schema)!;
      const wrong = await post(s.app, admin, base, { [name]: wrongValue(field) });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.code).toBe("validation_failed");
      expect(wrong.body.error.details.map((d: { field: string }) => d.field)).toContain(name);

      const required = Object.entries(def.fields)
        .filter(([, f]) => f.required)
        .map(([n]) => n);
      const empty = await post(s.app, admin, base, {});
      expect(empty.status).toBe(422);
      for (const r of required) expect(empty.body.error.message).toContain(`${r}: is required`);

      const after = (await request(s.app, "GET", `${base}?include_total=true`, admin)).body.total;
      expect(after).toBe(before);
    },
  );

  it("rejects an unknown currency and an unknown reference with the field named", async () => {
    const badCurrency = await post(s.app, admin, "/api/payments", {
      account_id: seeded.accounts.id,
      status: "succeeded",
      amount_minor: 100,
      currency: "XYZQ",
      attempted_at: "2026-01-01T00:00:00Z",
    });
    expect(badCurrency.status).toBe(422);
    expect(badCurrency.body.error.field).toBe("currency");

    const badRef = await post(s.app, admin, "/api/contacts", {
      email: "x@y.example",
      account_id: "acc_doesnotexist",
    });
    expect(badRef.status).toBe(422);
    expect(badRef.body.error).toMatchObject({ code: "reference_not_found", field: "account_id" });
  });

  it("refuses to delete a record others refer to, and deletes leaves first", async () => {
    const blocked = await request(s.app, "DELETE", `/api/accounts/${seeded.accounts.id}`, admin);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("has_dependents");
    expect((await request(s.app, "GET", `/api/accounts/${seeded.accounts.id}`, admin)).status).toBe(200);

    const gone = await request(s.app, "DELETE", `/api/refunds/${seeded.refunds.id}`, admin);
    expect(gone.status).toBe(204);
    expect((await request(s.app, "GET", `/api/refunds/${seeded.refunds.id}`, admin)).status).toBe(404);
  });

  it("derives MRR from items and invoice line amounts from quantity × price", async () => {
    // 10 seats × 1,200.00 a year = 12,000.00 a year = 1,000.00 a month.
    expect(seeded.subscriptions.mrr_minor).toBe(100000);
    expect(seeded.invoice_lines.amount_minor).toBe(1200000);
    const versions = await request(
      s.app,
      "GET",
      `/api/subscription-versions?subscription_id=${seeded.subscriptions.id}&sort=effective_at`,
      admin,
    );
    expect(versions.body.data.map((v: { status: string }) => v.status)).toEqual(["trialing", "active"]);
  });

  it("answers 404 with JSON for unknown routes and ids", async () => {
    const route = await request(s.app, "GET", "/api/no-such-thing", admin);
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe("not_found");
    const id = await request(s.app, "GET", "/api/accounts/acc_missing", admin);
    expect(id.status).toBe(404);
  });

  it("refuses oversized and malformed bodies with a clear error", async () => {
    const huge = await s.app.inject({
      method: "POST",
      url: "/api/accounts",
      headers: { ...admin, "content-type": "application/json" },
      payload: JSON.stringify({ name: "x".repeat(6 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
    const broken = await s.app.inject({
      method: "POST",
      url: "/api/accounts",
      headers: { ...admin, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe("bad_request");
  });
});

describe("error messages", () => {
  it("names the field when null is sent for a field that must have a value", async () => {
    const res = await post(s.app, admin, "/api/opportunities", {
      name: "N",
      stage: "x",
      currency: "USD",
      pipeline: null,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "validation_failed", field: "pipeline" });
  });

  it("says 'is required' for a missing field and gives the reason for a wrong one", async () => {
    const res = await post(s.app, admin, "/api/opportunities", { name: 42, currency: "USD", stage: "x" });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain("name: Invalid input: expected string, received number");
    const missing = await post(s.app, admin, "/api/opportunities", { currency: "USD", stage: "x" });
    expect(missing.body.error.message).toBe("name: is required");
  });
});
