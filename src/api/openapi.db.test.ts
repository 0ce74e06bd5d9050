import { afterAll, beforeAll, expect, it } from "vitest";
import { registeredRoutes } from "./server.ts";
import { request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await openTestServer();
});
afterAll(() => s?.close());

it("serves an OpenAPI 3.1 document that lists every /api route", async () => {
  const res = await request(s.app, "GET", "/openapi.json", {});
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe("3.1.0");
  const paths = res.body.paths as Record<string, Record<string, unknown>>;
  const missing = registeredRoutes(s.app)
    .filter((r) => r.url.startsWith("/api/") && r.method !== "HEAD")
    .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:([a-z_]+)/g, "{$1}") }))
    .filter((r) => !paths[r.path]?.[r.method])
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(missing).toEqual([]);
  expect(res.body.components.schemas.AccountCreate.required).toEqual(["name"]);
});

it("serves a browsable API reference page", async () => {
  const res = await s.app.inject({ method: "GET", url: "/docs/" });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain("swagger");
});

it("reports the database in use on /api/health", async () => {
  const res = await request(s.app, "GET", "/api/health", {});
  expect(res.body).toMatchObject({ status: "ok", database: s.database.kind });
});
