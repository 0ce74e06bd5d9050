import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
  const deal = (name: string, stage: string, amount: number, currency: string, pipeline?: string) => ({
    external_id: name,
    name,
    stage,
    amount_minor: amount,
    currency,
    pipeline,
    probability: 50,
  });
  const seeded = await post(s.app, admin, "/api/opportunities/bulk", {
    source: "t",
    records: [
      deal("a", "discovery", 100, "USD", "new_business"),
      deal("b", "discovery", 200, "USD", "new_business"),
      deal("c", "discovery", 1000, "EUR", "new_business"),
      deal("d", "proposal", 400, "USD", "new_business"),
      deal("e", "proposal", 800, "USD", "renewal"),
      deal("f", "closed_won", 50, "USD"),
    ],
  });
  expect(seeded.body).toMatchObject({ created: 6 });
  await post(s.app, s.other.headers, "/api/opportunities", {
    name: "x",
    stage: "discovery",
    currency: "USD",
    amount_minor: 9,
  });
});
afterAll(() => s?.close());

const groups = (query: string, headers = admin) =>
  request(s.app, "GET", `/api/opportunities/groups?${query}`, headers);

describe("group totals", () => {
  it("counts and sums per value, money per currency, largest group first", async () => {
    const res = await groups("group_by=stage&sum=amount_minor,probability");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.groups).toEqual([
      {
        value: "discovery",
        count: 3,
        sums: {
          amount_minor: expect.arrayContaining([
            { currency: "USD", value: 300 },
            { currency: "EUR", value: 1000 },
          ]),
          probability: [{ currency: null, value: 150 }],
        },
      },
      {
        value: "proposal",
        count: 2,
        sums: {
          amount_minor: [{ currency: "USD", value: 1200 }],
          probability: [{ currency: null, value: 100 }],
        },
      },
      {
        value: "closed_won",
        count: 1,
        sums: {
          amount_minor: [{ currency: "USD", value: 50 }],
          probability: [{ currency: null, value: 50 }],
        },
      },
    ]);
  });

  it("applies the list's filters and search, and groups missing values as null", async () => {
    const filtered = await groups("group_by=stage&sum=amount_minor&pipeline=new_business&currency=USD");
    expect(filtered.body.groups.map((g: { value: string; count: number }) => [g.value, g.count])).toEqual([
      ["discovery", 2],
      ["closed_won", 1],
      ["proposal", 1],
    ]);
    const byPipeline = await groups("group_by=pipeline&q=e");
    expect(byPipeline.body.groups).toEqual([{ value: "renewal", count: 1, sums: {} }]);
    const nulls = await groups("group_by=next_step&status=won");
    expect(nulls.body.groups).toEqual([{ value: null, count: 1, sums: {} }]);
  });

  it("refuses fields that cannot be grouped or added up, and filters it does not know", async () => {
    expect((await groups("group_by=amount_minor")).body.error).toMatchObject({ field: "group_by" });
    expect((await groups("group_by=stage&sum=name")).body.error).toMatchObject({ field: "sum" });
    expect((await groups("group_by=stage&colour=red")).body.error).toMatchObject({ field: "colour" });
    expect((await groups("")).status).toBe(400);
  });

  it("keeps to the caller's workspace and role", async () => {
    const other = await groups("group_by=stage&sum=amount_minor", s.other.headers);
    expect(other.body.groups).toEqual([
      { value: "discovery", count: 1, sums: { amount_minor: [{ currency: "USD", value: 9 }] } },
    ]);
    expect((await groups("group_by=stage", s.keys.viewer)).status).toBe(200);
    expect((await request(s.app, "GET", "/api/opportunities/groups?group_by=stage", {})).status).toBe(401);
  });
});
