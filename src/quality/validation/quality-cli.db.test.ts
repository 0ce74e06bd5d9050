import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, openCliSandbox } from "../../db/testing/cli-sandbox.ts";
import { newId } from "../../model/ids.ts";
import { defaultWorkspace } from "../../workspaces/workspaces.ts";

let sandbox: CliSandbox;
const revline = (...args: string[]) => sandbox.revline(...args);

beforeAll(async () => {
  sandbox = await openCliSandbox("quality-cli");
});
afterAll(() => sandbox?.close());

describe("revline quality", { timeout: 180_000 }, () => {
  it("scores what was written since the last run and prints the worst records", async () => {
    const first = await revline("quality");
    expect(first.stdout).toContain("Contacts: score — over 0 records");
    const database = await sandbox.open();
    try {
      const workspace = (await defaultWorkspace(database.db))!;
      // Two contacts: one scoring 100 − 40 (invalid email) − 10 (account) − 5 (title) = 45,
      // one scoring 100 − 25 (no email or phone) − 10 (account) − 5 (title) − 5 (country) = 55.
      await database.db
        .insertInto("contacts")
        .values([
          {
            workspace_id: workspace.id,
            id: newId("con"),
            first_name: "Ada",
            last_name: "Lovelace",
            email: "ada@@example.com",
            country: "GB",
          },
          { workspace_id: workspace.id, id: newId("con"), first_name: "Grace", last_name: "Hopper" },
        ])
        .execute();
    } finally {
      await database.close();
    }
    const run = await revline("quality", "--object", "contacts", "--worst", "5", "--json");
    expect(run.stderr).toContain("contacts: scored 2 record(s)");
    const report = JSON.parse(run.stdout);
    expect(report.summary.data[0]).toMatchObject({ object: "contacts", records: 2, score: 50 });
    expect(report.worst.data.map((r: { title: string; score: number }) => [r.title, r.score])).toEqual([
      ["Ada Lovelace", 45],
      ["Grace Hopper", 55],
    ]);
    const again = await revline("quality", "--object", "contacts");
    expect(again.stderr).toContain("contacts: scored 0 record(s)");
    expect(again.stdout).toContain('email: "ada@@example.com" is not a valid email address');
  });

  it("names the scored objects when asked for another", async () => {
    await expect(revline("quality", "--object", "invoices")).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'object: "invoices" has no quality score; scored objects are contacts, accounts',
      ),
    });
  });
});
