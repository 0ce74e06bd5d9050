import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// The flag V8 is given decides the embedded engine's memory (~60–85 MB at an import's peak,
// docs/imports.md): spy on it, keeping V8's own behaviour.
const setFlags = vi.hoisted(() => vi.fn());
vi.mock("node:v8", async (original) => {
  const v8 = await original<typeof import("node:v8")>();
  return {
    ...v8,
    setFlagsFromString: (flags: string) => {
      setFlags(flags);
      v8.setFlagsFromString(flags);
    },
  };
});

const { connect } = await import("./connect.ts");

afterEach(() => setFlags.mockClear());
// The flag is the whole process's: later test files in this worker get V8's default back.
afterAll(async () => (await import("node:v8")).setFlagsFromString("--no-liftoff-only"));

describe("the embedded database in low-memory mode", () => {
  it("keeps the engine's WebAssembly on V8's baseline compiler only when asked", async () => {
    const normal = await connect({});
    await normal.close();
    expect(setFlags).not.toHaveBeenCalledWith("--liftoff-only");

    const lean = await connect({ lowMemory: true });
    try {
      expect(setFlags).toHaveBeenCalledWith("--liftoff-only");
      const { rows } = await sql<{ v: number }>`select 41 + 1 as v`.execute(lean.db);
      expect(rows[0].v).toBe(42);
    } finally {
      await lean.close();
    }
  }, 60_000);
});
