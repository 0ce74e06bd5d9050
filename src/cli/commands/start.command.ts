import type { Command } from "commander";

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("Migrate the database, load demo data on first run, and start the server")
    .option("--port <port>", "port to listen on (default: PORT or 3000)")
    .option("--no-demo", "do not load the demo workspace on first run")
    .option("--dev", "skip building the web app (use `vite` in web/ for live reload)")
    .action(async (options: { port?: string; demo: boolean; dev?: boolean }) => {
      const { startRevline } = await import("../../runtime/start-revline.ts");
      await startRevline(options);
    });
}
