import type { Command } from "commander";
import { callServer, localOrServer } from "../local-or-server.ts";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (the server also applies them at start)")
    .action(async () => {
      await localOrServer({
        local: async (opened) => {
          console.log(
            opened.migrated.length > 0
              ? `Applied: ${opened.migrated.join(", ")}`
              : "The database is up to date.",
          );
        },
        server: async (lock) => {
          const health = await callServer<{ database: string }>(lock, "GET", "/api/health");
          console.log(
            `The running server applied every migration at its start (${health.database}); nothing to do.`,
          );
        },
      });
    });
}
