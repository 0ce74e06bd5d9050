import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types (it runs before TypeScript can load)
import { compiledCli } from "./compile-cli.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a source file saved a minute ago (a file saved during a build is built again next time). */
function save(path: string, text: string) {
  writeFileSync(path, text);
  const then = new Date(Date.now() - 60_000);
  utimesSync(path, then, then);
}

/** A tiny "CLI": an entry that imports a helper statically and another module on demand. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), "revline-compile-"));
  dirs.push(dir);
  save(join(dir, "helper.ts"), `export const greeting: string = "hello";\n`);
  save(join(dir, "later.ts"), `export const where = import.meta.url;\n`);
  save(
    join(dir, "main.ts"),
    `import { greeting } from "./helper.ts";\nexport const message = greeting;\nexport const later = () => import("./later.ts");\n`,
  );
  return { dir, entry: join(dir, "main.ts"), cacheDir: join(dir, "cache") };
}

describe("compiled CLI build", () => {
  it("runs the TypeScript, loads modules on demand, and keeps each module's own location", async () => {
    const p = project();
    const url = await compiledCli(p);
    expect(url).toMatch(/^file:.*\/cache\/.+\/entry\.mjs$/);
    const built = await import(url);
    expect(built.message).toBe("hello");
    // The on-demand module is a separate chunk; its import.meta.url is still its source file's.
    expect((await built.later()).where).toBe(pathToFileURL(join(p.dir, "later.ts")).href);
  });

  it("reuses the build while its sources are unchanged, and rebuilds when one changes", async () => {
    const p = project();
    const first = await compiledCli(p);
    expect(await compiledCli(p)).toBe(first);
    save(join(p.dir, "helper.ts"), `export const greeting: string = "hello again";\n`);
    const second = await compiledCli(p);
    expect(second).not.toBe(first);
    expect((await import(second)).message).toBe("hello again");
    // The superseded build stays: a running server may still load chunks from it.
    expect(readdirSync(p.cacheDir).filter((name) => !name.endsWith(".json"))).toHaveLength(2);
  });

  it("builds again when a source may have been saved while it was building", async () => {
    const p = project();
    writeFileSync(join(p.dir, "helper.ts"), `export const greeting: string = "saved just now";\n`);
    const first = await compiledCli(p);
    expect(await compiledCli(p)).not.toBe(first);
  });

  it("reuses the build of sources dated in the future (a clock ahead) rather than rebuilding each time", async () => {
    const p = project();
    const future = new Date(Date.now() + 3600_000);
    utimesSync(join(p.dir, "helper.ts"), future, future);
    const first = await compiledCli(p);
    expect(await compiledCli(p)).toBe(first);
  });

  it("answers null when the sources do not build, so the CLI falls back to tsx", async () => {
    const p = project();
    save(join(p.dir, "helper.ts"), `export const greeting = ;\n`);
    expect(await compiledCli(p)).toBeNull();
  });
});
