import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { connect } from "../connect.ts";
import type { Database } from "../types.ts";
import { TEST_DATABASE_URL, testEngine } from "./test-database.ts";

const execFileAsync = promisify(execFile);
/** The `revline` executable, as users run it. */
export const REVLINE_BIN = new URL("../../../bin/revline.mjs", import.meta.url).pathname;

/**
 * A place for tests that run the `revline` CLI as a child process: a temporary folder for the
 * embedded database (`REVLINE_DATA_DIR`), or, when the suite runs on PostgreSQL, a schema of its
 * own on the test server reached through `DATABASE_URL` — so a CLI test exercises the same
 * engine as the rest of its run.
 */
export interface CliSandbox {
  /** The temporary folder (data folder, files the test writes). */
  dir: string;
  /** The environment the CLI runs with. */
  env: NodeJS.ProcessEnv;
  /** Runs `revline ARGS…` and resolves with its output; rejects on a non-zero exit. */
  revline: (...args: string[]) => Promise<{ stdout: string; stderr: string }>;
  /** Opens the sandbox's database directly (no running server may hold the embedded one). */
  open: () => Promise<Database>;
  /** Removes the folder and the schema. */
  close: () => Promise<void>;
}

export async function openCliSandbox(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliSandbox> {
  const dir = mkdtempSync(join(tmpdir(), `revline-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REVLINE_DATA_DIR: join(dir, "data"),
    REVLINE_LOG_LEVEL: "warn",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  let schema: string | undefined;
  if (testEngine() === "postgres") {
    schema = `${name.replace(/\W/g, "_")}_${randomBytes(5).toString("hex")}`;
    const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  return {
    dir,
    env,
    revline: (...args) => execFileAsync(process.execPath, [REVLINE_BIN, ...args], { env, timeout: 60_000 }),
    open: () =>
      env.DATABASE_URL
        ? connect({ databaseUrl: env.DATABASE_URL })
        : connect({ dataDir: env.REVLINE_DATA_DIR }),
    close: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (schema) {
        const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
        await admin.db.schema.dropSchema(schema).cascade().execute();
        await admin.close();
      }
    },
  };
}
