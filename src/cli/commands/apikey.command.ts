import type { Command } from "commander";
import type { NewApiKey } from "../../auth/index.ts";
import { callServer, localOrServer } from "../local-or-server.ts";

export function registerApiKey(program: Command): void {
  program
    .command("apikey")
    .description("Manage API keys of the default workspace")
    .command("create")
    .description("Create an API key; the key is printed alone on the last line, once")
    .requiredOption(
      "--role <role>",
      "admin, revops_manager, revenue_analyst, sales_ops, marketing_ops, cs_ops, finance, partner_ops, sales_rep or viewer",
    )
    .requiredOption("--name <name>", "what the key is for")
    .action(async (o: { role: string; name: string }) => {
      const key = await localOrServer<NewApiKey>({
        local: async (opened) => {
          const { createApiKey } = await import("../../auth/index.ts");
          const { systemActor } = await import("../../records/actor.ts");
          return createApiKey(opened.database.db, systemActor(opened.workspace.id), o);
        },
        server: (lock) => callServer(lock, "POST", "/api/api-keys", o),
      });
      console.log(
        `Created API key "${key.name}" (${key.role}), id ${key.id}. Store it now; it is not shown again:`,
      );
      console.log(key.key);
    });
}
