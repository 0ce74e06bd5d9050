import { defineConfig } from "vitest/config";

// Browser journeys against a real server and headless Chromium: slow, so long timeouts and
// one file at a time (each suite starts its own server on its own data folder).
export default defineConfig({
  test: {
    name: "e2e",
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
