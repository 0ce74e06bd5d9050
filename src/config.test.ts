import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.revline\/data$/);
    expect(config.embeddedSharedBuffers).toBeUndefined();
    expect(loadConfig({ REVLINE_EMBEDDED_SHARED_BUFFERS: "32MB" }).embeddedSharedBuffers).toBe("32MB");
    expect(config.embeddedLowMemory).toBeUndefined(); // each kind of process decides (embeddedSettings)
    expect(loadConfig({ REVLINE_EMBEDDED_LOW_MEMORY: "1" }).embeddedLowMemory).toBe(true);
    expect(loadConfig({ REVLINE_EMBEDDED_LOW_MEMORY: "0" }).embeddedLowMemory).toBe(false);
  });

  it("fails fast naming the variable to fix", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ REVLINE_ADMIN_PASSWORD: "short" })).toThrow(/REVLINE_ADMIN_PASSWORD/);
    expect(() => loadConfig({ REVLINE_EMBEDDED_SHARED_BUFFERS: "32 MB" })).toThrow(
      /REVLINE_EMBEDDED_SHARED_BUFFERS: must be a size like 32MB/,
    );
    expect(() => loadConfig({ REVLINE_EMBEDDED_LOW_MEMORY: "yes" })).toThrow(
      /REVLINE_EMBEDDED_LOW_MEMORY: must be 1 \(on\) or 0 \(off\)/,
    );
  });
});
