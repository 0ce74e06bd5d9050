import { Command } from "commander";
import { commands } from "./commands/index.ts";

const program = new Command("revline")
  .description("Revline — one trusted source of truth for revenue")
  .showHelpAfterError();
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`revline: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
