import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiKey } from "../../auth/index.ts";
import type { Config } from "../../config.ts";
import { createTestWorkspace, openTestDatabase, type TestWorkspace } from "../../db/testing/test-database.ts";
import type { Database } from "../../db/types.ts";
import { ROLES, type Role } from "../../model/objects/enums.ts";
import type { App } from "../context.ts";
import { buildServer } from "../server.ts";

export const testConfig: Config = {
  port: 0,
  host: "127.0.0.1",
  // Never opened (tests bring their database); uploads are stored beside it.
  dataDir: join(tmpdir(), "revline-test", "data"),
  logLevel: "silent",
  secureCookies: false,
  embeddedLowMemory: false,
};

export interface TestServer {
  app: App;
  database: Database;
  ws: TestWorkspace;
  /** Authorization headers of an API key with each role, in the test workspace. */
  keys: Record<Role, Record<string, string>>;
  /** Another workspace for isolation tests. */
  other: { ws: TestWorkspace; headers: Record<string, string> };
  close(): Promise<void>;
}

async function keysFor(database: Database, ws: TestWorkspace) {
  const keys = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    const key = await createApiKey(database.db, ws.admin, { name: `test ${role}`, role });
    keys[role] = { authorization: `Bearer ${key.key}` };
  }
  return keys;
}

export async function openTestServer(): Promise<TestServer> {
  const database = await openTestDatabase();
  const app = await buildServer({ database, config: testConfig });
  const ws = await createTestWorkspace(database.db, "Main");
  const otherWs = await createTestWorkspace(database.db, "Other");
  const keys = await keysFor(database, ws);
  const otherKey = await createApiKey(database.db, otherWs.admin, { name: "other admin", role: "admin" });
  return {
    app,
    database,
    ws,
    keys,
    other: { ws: otherWs, headers: { authorization: `Bearer ${otherKey.key}` } },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
