// `npm run bench [-- NAME…]`: runs every bench/*.bench.ts (or those whose name contains NAME).
// Each bench module default-exports an async function that prints its own report and
// returns a short summary object; the runner prints them all at the end.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

const summaries: Record<string, unknown> = {};
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<unknown> };
  summaries[file] = await mod.default();
  console.log(`(${file} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
console.log("\n=== summary ===");
console.log(JSON.stringify(summaries, null, 2));
