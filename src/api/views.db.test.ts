import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, createUser } from "../auth/index.ts";
import { TEST_PASSWORD } from "../db/testing/test-database.ts";
import type { Role } from "../model/objects/enums.ts";
import { post, request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
type Headers = Record<string, string>;
let ada: Headers;
let bob: Headers;
let cleo: Headers;
let viewer: Headers;
let teamId: string;

/** A signed-in person: saved views belong to users, not API keys. */
async function person(name: string, role: Role, team: string | null, ws = s.ws): Promise<Headers> {
  const user = await createUser(s.database.db, ws.admin, {
    email: `${name.toLowerCase()}@${ws.workspace.slug}.test`,
    name,
    role,
    password: TEST_PASSWORD,
    team_id: team,
  });
  const token = await createSession(s.database.db, ws.workspace.id, user.id as string);
  return { cookie: `revline_session=${token}` };
}

const definition = {
  columns: ["name", "segment", "c_open"],
  filters: [{ field: "segment", op: "eq", value: "enterprise" }],
  sort: "-annual_revenue_minor",
  group_by: "segment",
  computed: [
    {
      key: "c_open",
      label: "Open pipeline",
      formula: "sum(opportunities.amount_minor, status = 'open')",
      format: "money",
    },
  ],
};

beforeAll(async () => {
  s = await openTestServer();
  const team = await post(s.app, s.keys.admin, "/api/teams", { name: "Sales West", kind: "sales" });
  teamId = team.body.id;
  ada = await person("Ada", "sales_ops", teamId);
  bob = await person("Bob", "sales_rep", teamId);
  cleo = await person("Cleo", "marketing_ops", null);
  viewer = await person("Vic", "viewer", null);
});
afterAll(() => s?.close());

describe("saved views", () => {
  it("saves a private view with its definition and shows it to its owner only", async () => {
    const res = await post(s.app, ada, "/api/views", {
      object: "accounts",
      name: "Big accounts",
      definition,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: "accounts",
      name: "Big accounts",
      visibility: "private",
      owner_name: "Ada",
      version: 1,
      editable: true,
      definition: { ...definition, q: null },
    });
    const mine = await request(s.app, "GET", "/api/views?object=accounts", ada);
    expect(mine.body.data.map((v: { name: string }) => v.name)).toEqual(["Big accounts"]);
    for (const other of [bob, cleo]) {
      expect((await request(s.app, "GET", "/api/views?object=accounts", other)).body.data).toEqual([]);
      expect((await request(s.app, "GET", `/api/views/${res.body.id}`, other)).status).toBe(404);
    }
  });

  it("shares a view with the owner's team, then with everyone", async () => {
    const res = await post(s.app, ada, "/api/views", {
      object: "opportunities",
      name: "Team deals",
      visibility: "team",
      definition: {},
    });
    expect(res.body).toMatchObject({
      visibility: "team",
      shared_with_team_id: teamId,
      team_name: "Sales West",
    });
    expect((await request(s.app, "GET", `/api/views/${res.body.id}`, bob)).body).toMatchObject({
      name: "Team deals",
      editable: false,
    });
    expect((await request(s.app, "GET", `/api/views/${res.body.id}`, cleo)).status).toBe(404);

    const wide = await request(s.app, "PATCH", `/api/views/${res.body.id}`, ada, {
      version: 1,
      visibility: "workspace",
    });
    expect(wide.body).toMatchObject({ visibility: "workspace", shared_with_team_id: null, version: 2 });
    expect((await request(s.app, "GET", `/api/views/${res.body.id}`, cleo)).status).toBe(200);
    // An API key belongs to no one: it sees what is shared with everyone, and cannot save views.
    const byKey = await request(s.app, "GET", "/api/views?object=opportunities", s.keys.viewer);
    expect(byKey.body.data.map((v: { id: string }) => v.id)).toEqual([res.body.id]);
    const keySave = await post(s.app, s.keys.admin, "/api/views", {
      object: "accounts",
      name: "x",
      definition: {},
    });
    expect(keySave.status).toBe(403);
  });

  it("lets only the owner (or an admin) change or delete a view, with a version check", async () => {
    const res = await post(s.app, ada, "/api/views", {
      object: "contacts",
      name: "Leads",
      visibility: "workspace",
      definition: {},
    });
    const id = res.body.id;
    expect(
      (await request(s.app, "PATCH", `/api/views/${id}`, bob, { version: 1, name: "Mine now" })).status,
    ).toBe(403);
    expect((await request(s.app, "DELETE", `/api/views/${id}`, viewer)).status).toBe(403);
    const renamed = await request(s.app, "PATCH", `/api/views/${id}`, ada, {
      version: 1,
      name: "Warm leads",
    });
    expect(renamed.body).toMatchObject({ name: "Warm leads", version: 2 });
    const stale = await request(s.app, "PATCH", `/api/views/${id}`, ada, { version: 1, name: "Cold leads" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: "version_conflict",
      current_version: 2,
      current: { name: "Warm leads" },
    });
    const byAdmin = await request(s.app, "PATCH", `/api/views/${id}`, s.keys.admin, {
      version: 2,
      name: "Leads (all)",
    });
    expect(byAdmin.body).toMatchObject({ name: "Leads (all)", version: 3 });
    const reshare = await request(s.app, "PATCH", `/api/views/${id}`, s.keys.admin, {
      version: 3,
      visibility: "private",
    });
    expect(reshare.status).toBe(403);
    expect((await request(s.app, "DELETE", `/api/views/${id}`, ada)).status).toBe(204);
    expect((await request(s.app, "GET", `/api/views/${id}`, ada)).status).toBe(404);
  });

  it("rejects definitions that name unknown fields, bad formulas or children", async () => {
    const bad = await post(s.app, ada, "/api/views", {
      object: "accounts",
      name: "Broken",
      definition: {
        columns: ["name", "revenue"],
        filters: [{ field: "nope", op: "eq", value: "x" }],
        sort: "-custom",
        group_by: "annual_revenue_minor",
        computed: [
          { key: "c_a", label: "A", formula: "sum(tickets.amount_minor" },
          { key: "c_b", label: "B", formula: "count(campaigns)" },
        ],
      },
    });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual([
      "definition.columns.1",
      "definition.filters.0.field",
      "definition.sort",
      "definition.group_by",
      "definition.computed.0.formula",
      "definition.computed.1.formula",
    ]);
    expect(bad.body.error.message).toContain('Accounts have no field "revenue"');
    const shape = await post(s.app, ada, "/api/views", {
      object: "accounts",
      name: "x",
      definition: { columns: "name" },
    });
    expect(shape.status).toBe(422);
    expect(shape.body.error.field).toBe("definition.columns");
    const object = await post(s.app, ada, "/api/views", { object: "widgets", name: "x", definition: {} });
    expect(object.body.error).toMatchObject({ code: "validation_failed", field: "object" });
    const noTeam = await post(s.app, cleo, "/api/views", {
      object: "accounts",
      name: "x",
      visibility: "team",
      definition: {},
    });
    expect(noTeam.body.error).toMatchObject({ field: "shared_with_team_id" });
  });

  it("keeps workspaces apart: another workspace's view is not found", async () => {
    const res = await post(s.app, ada, "/api/views", {
      object: "accounts",
      name: "Shared",
      visibility: "workspace",
      definition: {},
    });
    const outsider = await request(s.app, "GET", `/api/views/${res.body.id}`, s.other.headers);
    expect(outsider.status).toBe(404);
    const otherPerson = await person("Olga", "admin", null, s.other.ws);
    expect((await request(s.app, "GET", "/api/views", otherPerson)).body.data).toEqual([]);
    expect(
      (await request(s.app, "PATCH", `/api/views/${res.body.id}`, otherPerson, { version: 1, name: "x" }))
        .status,
    ).toBe(404);
    expect((await request(s.app, "DELETE", `/api/views/${res.body.id}`, otherPerson)).status).toBe(404);
  });

  it("needs a signed-in caller", async () => {
    expect((await request(s.app, "GET", "/api/views", {})).status).toBe(401);
  });
});
