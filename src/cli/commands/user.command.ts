import type { Command } from "commander";
import { callServer, localOrServer } from "../local-or-server.ts";

const ROLE_HELP =
  "admin, revops_manager, revenue_analyst, sales_ops, marketing_ops, cs_ops, finance, partner_ops, sales_rep or viewer";

interface CreatedUser {
  id: string;
  email: string;
  role: string;
}

export function registerUser(program: Command): void {
  const user = program.command("user").description("Manage users of the default workspace");
  user
    .command("create")
    .description("Create a user who can sign in")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--password <password>", "at least 10 characters")
    .option("--name <name>", "display name (default: from the email)")
    .option("--role <role>", ROLE_HELP, "viewer")
    .action(async (o: { email: string; password: string; name?: string; role: string }) => {
      const input = {
        email: o.email,
        password: o.password,
        role: o.role,
        name: o.name ?? o.email.split("@")[0],
      };
      const created = await localOrServer<CreatedUser>({
        local: async (opened) => {
          const { createUser } = await import("../../auth/index.ts");
          const { systemActor } = await import("../../records/actor.ts");
          return (await createUser(
            opened.database.db,
            systemActor(opened.workspace.id),
            input,
          )) as CreatedUser;
        },
        server: (lock) => callServer(lock, "POST", "/api/users", input),
      });
      console.log(`Created user ${created.email} (${created.role}), id ${created.id}`);
    });
  user
    .command("set-password")
    .description("Set a user's password (with the embedded database, stop the server first)")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--password <password>", "at least 10 characters")
    .action(async (o: { email: string; password: string }) => {
      await localOrServer({
        local: async (opened) => {
          const { setPassword } = await import("../../auth/index.ts");
          const row = await opened.database.db
            .selectFrom("users")
            .select(["id", "workspace_id"])
            .where((eb) => eb(eb.fn("lower", ["email"]), "=", o.email.toLowerCase()))
            .executeTakeFirst();
          if (!row) throw new Error(`--email: no user ${o.email}`);
          await setPassword(opened.database.db, row.workspace_id, row.id, o.password);
          console.log(`Password set for ${o.email}`);
        },
        server: async () => {
          throw new Error("stop the running server first: passwords are set directly in the database");
        },
      });
    });
}
