import { defineConfig } from "vitest/config";

// Two projects: "unit" (pure functions, no database) and "db" (suites that run against
// PGlite by default, or PostgreSQL when REVLINE_TEST_DB=postgres).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "web/src/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["src/**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        test: {
          name: "db",
          include: ["src/**/*.db.test.ts"],
          globalSetup: ["src/db/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
