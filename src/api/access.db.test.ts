import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "../auth/index.ts";
import { apiPath } from "../model/object-def.ts";
import { ROLES } from "../model/objects/enums.ts";
import { OBJECTS } from "../model/registry.ts";
import { PATCHES, post, request, seedEveryObject } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let seeded: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  s = await openTestServer();
  seeded = await seedEveryObject(s.app, s.keys.admin);
});
afterAll(() => s?.close());

describe("role matrix: every object route × every role", () => {
  const cases = OBJECTS.flatMap((def) => ROLES.map((role) => [def.key, role] as const));

  it.each(cases)("%s as %s", async (key, role) => {
    const def = OBJECTS.find((d) => d.key === key)!;
    const base = `/api/${apiPath(def)}`;
    const headers = s.keys[role];
    const id = (seeded[key]?.id as string | undefined) ?? s.ws.admin.id!;
    const mayRead = can(role, def.area, "read");
    const mayWrite = can(role, def.area, "write") && !def.noGenericWrite;

    const list = await request(s.app, "GET", base, headers);
    expect(list.status).toBe(mayRead ? 200 : 403);
    const one = await request(s.app, "GET", `${base}/${id}`, headers);
    expect(one.status).toBe(mayRead ? 200 : 403);
    const history = await request(s.app, "GET", `${base}/${id}/history`, headers);
    expect(history.status).toBe(mayRead ? 200 : 403);
    if (def.noGenericWrite) return;

    // A write the role may not make is refused before validation; one it may make gets past
    // authorisation (an empty body then fails validation with 422, a stale version with 409).
    const create = await post(s.app, headers, base, {});
    expect(create.status).toBe(mayWrite ? 422 : 403);
    const bulk = await post(s.app, headers, `${base}/bulk`, { records: [] });
    expect(bulk.status).toBe(mayWrite ? 200 : 403);
    const patch = await request(s.app, "PATCH", `${base}/${id}`, headers, { ...PATCHES[key], version: 999 });
    expect(patch.status).toBe(mayWrite ? 409 : 403);
    const del = await request(s.app, "DELETE", `${base}/missing-id`, headers);
    expect(del.status).toBe(mayWrite ? 404 : 403);
  });

  it.each(ROLES.map((r) => [r]))("admin routes as %s", async (role) => {
    const headers = s.keys[role];
    const admin = can(role, "admin", "write");
    const adminRead = can(role, "admin", "read");
    expect((await post(s.app, headers, "/api/api-keys", { name: "x", role: "viewer" })).status).toBe(
      admin ? 201 : 403,
    );
    expect((await request(s.app, "GET", "/api/api-keys", headers)).status).toBe(adminRead ? 200 : 403);
    expect((await request(s.app, "GET", "/api/audit-log", headers)).status).toBe(adminRead ? 200 : 403);
    expect((await post(s.app, headers, "/api/users", {})).status).toBe(admin ? 422 : 403);
    expect((await request(s.app, "GET", "/api/me", headers)).status).toBe(200);
  });

  it("rejects requests without credentials or with a bad key", async () => {
    expect((await request(s.app, "GET", "/api/accounts", {})).status).toBe(401);
    const bad = await request(s.app, "GET", "/api/accounts", { authorization: "Bearer rvl_nope" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("unauthenticated");
    expect((await request(s.app, "GET", "/api/health", {})).status).toBe(200);
  });
});

describe("workspace isolation", () => {
  it("answers 404 for another workspace's ids, for reads and writes", async () => {
    const other = s.other.headers;
    for (const def of OBJECTS.filter((d) => seeded[d.key])) {
      const base = `/api/${apiPath(def)}`;
      const id = seeded[def.key].id;
      expect((await request(s.app, "GET", `${base}/${id}`, other)).status).toBe(404);
      expect(
        (await request(s.app, "PATCH", `${base}/${id}`, other, { ...PATCHES[def.key], version: 1 })).status,
      ).toBe(404);
      expect((await request(s.app, "DELETE", `${base}/${id}`, other)).status).toBe(404);
      const list = await request(s.app, "GET", `${base}?include_total=true`, other);
      expect(list.body.total).toBe(0);
    }
    // Nothing of the main workspace changed.
    const account = await request(s.app, "GET", `/api/accounts/${seeded.accounts.id}`, s.keys.admin);
    expect(account.body.version).toBe(1);
  });

  it("cannot point a record at another workspace's record", async () => {
    const res = await post(s.app, s.other.headers, "/api/contacts", {
      email: "spy@other.example",
      account_id: seeded.accounts.id,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "reference_not_found", field: "account_id" });
    const bulk = await post(s.app, s.other.headers, "/api/contacts/bulk", {
      source: "crm",
      records: [{ external_id: "c1", email: "spy@other.example", account_id: seeded.accounts.id }],
    });
    expect(bulk.status).toBe(422);
  });
});

describe("sign-in and sessions", () => {
  it("signs in with email and password, sets an httpOnly cookie, and signs out", async () => {
    const wrong = await post(s.app, {}, "/api/auth/login", {
      email: s.ws.adminEmail,
      password: "wrong-password",
    });
    expect(wrong.status).toBe(401);
    const ok = await s.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: s.ws.adminEmail.toUpperCase(), password: s.ws.password },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === "revline_session")!;
    expect(cookie.httpOnly).toBe(true);
    const headers = { cookie: `revline_session=${cookie.value}` };
    const me = await request(s.app, "GET", "/api/me", headers);
    expect(me.body.user.email).toBe(s.ws.adminEmail);
    expect(me.body.user).not.toHaveProperty("password_hash");
    await request(s.app, "POST", "/api/auth/logout", headers);
    expect((await request(s.app, "GET", "/api/me", headers)).status).toBe(401);
  });

  it("slows down password guessing: the 11th attempt in a minute is refused", async () => {
    const attempt = () =>
      post(s.app, {}, "/api/auth/login", { email: "guess@example.com", password: "guess-guess" });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("shows an API key once and stores only its hash", async () => {
    const created = await post(s.app, s.keys.admin, "/api/api-keys", {
      name: "etl",
      role: "revenue_analyst",
    });
    expect(created.body.key).toMatch(/^rvl_/);
    const listed = await request(s.app, "GET", "/api/api-keys", s.keys.admin);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const stored = await s.database.db
      .selectFrom("api_keys")
      .select("key_hash")
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.body.key);
    const use = await request(s.app, "GET", "/api/accounts", { authorization: `Bearer ${created.body.key}` });
    expect(use.status).toBe(200);
    await request(s.app, "DELETE", `/api/api-keys/${created.body.id}`, s.keys.admin);
    expect(
      (await request(s.app, "GET", "/api/accounts", { authorization: `Bearer ${created.body.key}` })).status,
    ).toBe(401);
  });
});
