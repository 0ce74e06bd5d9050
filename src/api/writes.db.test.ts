import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, request } from "./testing/fixtures.ts";
import { openTestServer, type TestServer } from "./testing/test-server.ts";

let s: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  s = await openTestServer();
  admin = s.keys.admin;
});
afterAll(() => s?.close());

async function count(table: string): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where workspace_id = ${s.ws.workspace.id}`.execute(
    s.database.db,
  );
  return rows[0].n;
}

describe("pagination", () => {
  it("never repeats or skips a row while rows are inserted between pages", async () => {
    const names = Array.from({ length: 25 }, (_, i) => `Paged ${String(i).padStart(2, "0")}`);
    await post(s.app, admin, "/api/partners/bulk", {
      source: "t",
      records: names.map((name, i) => ({
        external_id: `p${i}`,
        name,
        tier: i % 3 === 0 ? null : `t${i % 4}`,
      })),
    });
    for (const sort of ["name", "-name", "tier", "-tier", "-created_at"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let inserted = 0;
      do {
        const page: { body: { data: Array<{ id: string; name: string }>; next_cursor: string | null } } =
          await request(
            s.app,
            "GET",
            `/api/partners?limit=4&sort=${sort}&name[like]=Paged${cursor ? `&cursor=${cursor}` : ""}`,
            admin,
          );
        seen.push(...page.body.data.map((r) => r.id));
        cursor = page.body.next_cursor;
        // Someone adds records while we page: they may appear or not, but nothing repeats.
        await post(s.app, admin, "/api/partners", { name: `Other ${sort} ${inserted++}` });
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(25);
    }
  });

  it("filters with operators and rejects unknown fields", async () => {
    await post(s.app, admin, "/api/accounts/bulk", {
      source: "t",
      records: [
        { external_id: "a1", name: "Small Co", employees: 10, segment: "smb" },
        { external_id: "a2", name: "Mid Co", employees: 400, segment: "mid_market" },
        { external_id: "a3", name: "Big Co", employees: 9000, segment: "enterprise" },
      ],
    });
    const big = await request(s.app, "GET", "/api/accounts?employees[gte]=400&sort=employees", admin);
    expect(big.body.data.map((a: { name: string }) => a.name)).toEqual(["Mid Co", "Big Co"]);
    const inList = await request(s.app, "GET", "/api/accounts?segment[in]=smb,enterprise&sort=name", admin);
    expect(inList.body.data.map((a: { name: string }) => a.name)).toEqual(["Big Co", "Small Co"]);
    const search = await request(s.app, "GET", "/api/accounts?q=mid", admin);
    expect(search.body.data.map((a: { name: string }) => a.name)).toEqual(["Mid Co"]);
    const unknown = await request(s.app, "GET", "/api/accounts?colour=red", admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe("colour");
    const badValue = await request(s.app, "GET", "/api/accounts?employees[gt]=many", admin);
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.message).toContain("not a valid integer");
  });
});

describe("optimistic concurrency", () => {
  it("answers 409 with the current version to a stale PATCH and writes nothing", async () => {
    const created = await post(s.app, admin, "/api/accounts", { name: "Initech" });
    const id = created.body.id;
    const first = await request(s.app, "PATCH", `/api/accounts/${id}`, admin, {
      industry: "Software",
      version: 1,
    });
    expect(first.body.version).toBe(2);
    const auditBefore = await count("audit_log");
    const stale = await request(s.app, "PATCH", `/api/accounts/${id}`, admin, {
      industry: "Banking",
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "version_conflict", current_version: 2 });
    expect(stale.body.error.current.industry).toBe("Software");
    const now = await request(s.app, "GET", `/api/accounts/${id}`, admin);
    expect(now.body).toMatchObject({ industry: "Software", version: 2 });
    expect(await count("audit_log")).toBe(auditBefore);
  });

  it("requires a version, accepts If-Match, and does not bump the version for a no-op", async () => {
    const { body } = await post(s.app, admin, "/api/accounts", { name: "Hooli" });
    const missing = await request(s.app, "PATCH", `/api/accounts/${body.id}`, admin, { industry: "Tech" });
    expect(missing.status).toBe(428);
    const viaHeader = await request(
      s.app,
      "PATCH",
      `/api/accounts/${body.id}`,
      { ...admin, "if-match": '"1"' },
      { industry: "Tech" },
    );
    expect(viaHeader.body.version).toBe(2);
    const same = await request(s.app, "PATCH", `/api/accounts/${body.id}`, admin, {
      industry: "Tech",
      version: 2,
    });
    expect(same.body.version).toBe(2);
  });
});

describe("bulk upsert by source and external id", () => {
  const batch = {
    source: "hubspot",
    records: [
      { external_id: "101", name: "Umbrella", domain: "umbrella.example" },
      { external_id: "102", name: "Wayne Enterprises", domain: "wayne.example" },
    ],
  };

  it("is idempotent: the same batch twice gives the same rows", async () => {
    const first = await post(s.app, admin, "/api/accounts/bulk", batch);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const auditAfterFirst = await count("audit_log");
    const second = await post(s.app, admin, "/api/accounts/bulk", batch);
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(second.body.results.map((r: { id: string }) => r.id)).toEqual(
      first.body.results.map((r: { id: string }) => r.id),
    );
    expect(await count("audit_log")).toBe(auditAfterFirst);
    const rows = await request(s.app, "GET", "/api/accounts?source=hubspot&include_total=true", admin);
    expect(rows.body.total).toBe(2);
  });

  it("updates what changed and resolves references by external id", async () => {
    const changed = await post(s.app, admin, "/api/accounts/bulk", {
      source: "hubspot",
      records: [{ external_id: "101", name: "Umbrella Corp" }, batch.records[1]],
    });
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const contacts = await post(s.app, admin, "/api/contacts/bulk", {
      source: "hubspot",
      records: [{ external_id: "c-1", email: "alice@umbrella.example", account_external_id: "101" }],
    });
    expect(contacts.status).toBe(200);
    const contact = await request(s.app, "GET", `/api/contacts/${contacts.body.results[0].id}`, admin);
    const account = await request(s.app, "GET", "/api/accounts?source=hubspot&external_id=101", admin);
    expect(contact.body.account_id).toBe(account.body.data[0].id);
  });

  it("rejects the whole batch, naming row and field, when one row is bad", async () => {
    const before = await count("contacts");
    const res = await post(s.app, admin, "/api/contacts/bulk", {
      source: "hubspot",
      records: [
        { external_id: "c-2", email: "bob@umbrella.example" },
        { external_id: "c-3", email: "not-an-email" },
        { external_id: "c-4", email: "eve@umbrella.example", account_external_id: "999" },
      ],
    });
    expect(res.status).toBe(422);
    const details = res.body.error.details as Array<{ row: number; field: string }>;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, field: "email" }),
        expect.objectContaining({ row: 2, field: "account_external_id" }),
      ]),
    );
    expect(await count("contacts")).toBe(before);
  });
});

describe("history and journal", () => {
  it("records every lifecycle move with its time, as one ordered timeline", async () => {
    const { body } = await post(s.app, admin, "/api/contacts", {
      email: "journey@example.com",
      lifecycle_stage: "subscriber",
    });
    let version = 1;
    for (const stage of ["lead", "mql", "sql", "opportunity", "customer"]) {
      const res = await request(s.app, "PATCH", `/api/contacts/${body.id}`, admin, {
        lifecycle_stage: stage,
        version,
      });
      version = res.body.version;
    }
    const timeline = await request(
      s.app,
      "GET",
      `/api/lifecycle-transitions?subject_id=${body.id}&sort=transitioned_at`,
      admin,
    );
    expect(
      timeline.body.data.map((t: { from_stage: string | null; to_stage: string }) => [
        t.from_stage,
        t.to_stage,
      ]),
    ).toEqual([
      [null, "subscriber"],
      ["subscriber", "lead"],
      ["lead", "mql"],
      ["mql", "sql"],
      ["sql", "opportunity"],
      ["opportunity", "customer"],
    ]);
  });

  it("records every stage and amount change of an opportunity and closes it when won", async () => {
    const { body } = await post(s.app, admin, "/api/opportunities", {
      name: "Deal",
      stage: "discovery",
      amount_minor: 100000,
      currency: "EUR",
    });
    expect(body.status).toBe("open");
    const moved = await request(s.app, "PATCH", `/api/opportunities/${body.id}`, admin, {
      stage: "proposal",
      amount_minor: 150000,
      version: 1,
    });
    const won = await request(s.app, "PATCH", `/api/opportunities/${body.id}`, admin, {
      stage: "closed_won",
      version: moved.body.version,
    });
    expect(won.body).toMatchObject({ status: "won", forecast_category: "closed" });
    expect(won.body.closed_at).not.toBeNull();
    const history = await request(
      s.app,
      "GET",
      `/api/opportunity-stage-history?opportunity_id=${body.id}&sort=changed_at`,
      admin,
    );
    expect(
      history.body.data.map((h: { to_stage: string; amount_minor: number }) => [h.to_stage, h.amount_minor]),
    ).toEqual([
      ["discovery", 100000],
      ["proposal", 150000],
      ["closed_won", 150000],
    ]);
  });

  it("writes the audit entry and outbox event with the change, and neither when it fails", async () => {
    const audit = await count("audit_log");
    const outbox = await count("outbox_events");
    const ok = await post(s.app, admin, "/api/partners", { name: "Journaled" });
    expect(await count("audit_log")).toBe(audit + 1);
    expect(await count("outbox_events")).toBe(outbox + 1);
    const event = await sql<{
      type: string;
      record_id: string;
    }>`select type, record_id from outbox_events where workspace_id = ${s.ws.workspace.id} order by id desc limit 1`.execute(
      s.database.db,
    );
    expect(event.rows[0]).toEqual({ type: "partner.created", record_id: ok.body.id });

    // The second row fails in the database (unknown account id) after the first was inserted:
    // the whole batch, its audit entries and its events roll back together.
    const contacts = await count("contacts");
    const failed = await post(s.app, admin, "/api/contacts/bulk", {
      source: "atomic",
      records: [
        { external_id: "x1", email: "one@example.com" },
        { external_id: "x2", email: "two@example.com", account_id: "acc_missing" },
      ],
    });
    expect(failed.status).toBe(422);
    expect(failed.body.error.field).toBe("account_id");
    expect(await count("contacts")).toBe(contacts);
    expect(await count("audit_log")).toBe(audit + 1);
    expect(await count("outbox_events")).toBe(outbox + 1);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response to a retry and refuses the key for another body", async () => {
    const headers = { ...admin, "idempotency-key": "create-acme-1" };
    const first = await post(s.app, headers, "/api/accounts", { name: "Acme Retry" });
    const retry = await post(s.app, headers, "/api/accounts", { name: "Acme Retry" });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    const listed = await request(s.app, "GET", "/api/accounts?name=Acme%20Retry&include_total=true", admin);
    expect(listed.body.total).toBe(1);
    const misuse = await post(s.app, headers, "/api/accounts", { name: "Something else" });
    expect(misuse.status).toBe(422);
    expect(misuse.body.error.code).toBe("idempotency_conflict");
  });
});
