import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { embeddedSettings, type OpenedBy, openDatabase } from "../runtime/bootstrap.ts";
import { connect } from "./connect.ts";
import { createDataDir, needsInitdb } from "./create-data-dir.ts";
import type { Database } from "./types.ts";

const root = mkdtempSync(join(tmpdir(), "revline-create-data-dir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The shared_buffers a database was opened with; closes it. */
async function sharedBuffersOf(database: Database): Promise<string> {
  try {
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
    return rows[0].shared_buffers;
  } finally {
    await database.close();
  }
}

describe("the embedded database", () => {
  it("creates a new folder in a child process, then opens it like any other", async () => {
    const dir = join(root, "fresh");
    expect(needsInitdb(dir)).toBe(true);
    const database = await connect({ dataDir: dir });
    try {
      expect(needsInitdb(dir)).toBe(false);
      const { rows } = await sql<{ v: number }>`select 41 + 1 as v`.execute(database.db);
      expect(rows[0].v).toBe(42);
    } finally {
      await database.close();
    }
  }, 120_000);

  it("opens with the shared_buffers it is given (REVLINE_EMBEDDED_SHARED_BUFFERS), else 128MB", async () => {
    const dir = join(root, "fresh");
    const show = async (sharedBuffers?: string) =>
      sharedBuffersOf(await connect({ dataDir: dir, sharedBuffers }));
    expect(await show("32MB")).toBe("32MB");
    expect(await show()).toBe("128MB");
  }, 120_000);

  it("gives one-shot CLI commands and low-memory mode 32MB of shared_buffers, the server 128MB, unless configured", async () => {
    const dir = join(root, "fresh");
    const show = async (env: Record<string, string>, openedBy: OpenedBy) =>
      sharedBuffersOf(await openDatabase(loadConfig({ REVLINE_DATA_DIR: dir, ...env }), openedBy));
    expect(await show({}, "command")).toBe("32MB");
    expect(await show({}, "server")).toBe("128MB");
    expect(await show({ REVLINE_EMBEDDED_LOW_MEMORY: "1" }, "server")).toBe("32MB");
    expect(await show({ REVLINE_EMBEDDED_SHARED_BUFFERS: "64MB" }, "command")).toBe("64MB");
  }, 120_000);

  it("runs a CLI import in low-memory mode unless REVLINE_EMBEDDED_LOW_MEMORY=0; the server and other commands never unless =1", () => {
    const settings = (env: Record<string, string>, openedBy: OpenedBy) =>
      embeddedSettings(loadConfig({ REVLINE_DATA_DIR: root, ...env }), openedBy);
    expect(settings({}, "import")).toEqual({ lowMemory: true, sharedBuffers: "32MB" });
    expect(settings({}, "command")).toEqual({ lowMemory: false, sharedBuffers: "32MB" });
    expect(settings({}, "server")).toEqual({ lowMemory: false, sharedBuffers: undefined }); // 128MB
    expect(settings({ REVLINE_EMBEDDED_LOW_MEMORY: "0" }, "import").lowMemory).toBe(false);
    expect(settings({ REVLINE_EMBEDDED_LOW_MEMORY: "1" }, "server")).toEqual({
      lowMemory: true,
      sharedBuffers: "32MB",
    });
  });

  it("fails naming the folder when it cannot be created", async () => {
    const file = join(root, "not-a-folder");
    writeFileSync(file, "x");
    await expect(createDataDir(join(file, "data"))).rejects.toThrow(
      /creating the embedded database in .*not-a-folder/,
    );
  }, 120_000);
});
