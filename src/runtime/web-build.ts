import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const webDir = join(root, "web");
const dist = join(webDir, "dist", "index.html");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its bundle is missing or older than its sources. */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  const config = join(webDir, "vite.config.ts");
  if (!existsSync(config)) return;
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestSource(webDir)) return;
  log("Building the web app (first start or changed sources)…");
  const { build } = await import("vite");
  // A NODE_ENV left by a test runner would otherwise ship React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: config, logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
