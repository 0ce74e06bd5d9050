// Compiles the TypeScript CLI (and the server it starts) into JavaScript, cached under
// node_modules/.cache/revline, and rebuilds it whenever a source file it was built from changes.
// Each build is a folder: the entry plus one chunk per module the CLI imports on demand, so a
// command loads only what it uses (as it does from source).
// bin/revline.mjs runs that file; without it, tsx transpiles every module in a loader thread,
// which costs ~50 MB of memory and ~0.3 s per command (see docs/architecture.md, "Running the
// TypeScript"). Plain JavaScript: it runs before anything can load TypeScript.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Bumped when the build options change, so older builds are not reused. */
const BUILD_VERSION = 1;
/**
 * A running server loads chunks of its build on demand, so superseded builds are kept: the newest
 * few, and any built in the last day.
 */
const KEEP_BUILDS = 3;
const KEEP_OLD_MS = 24 * 3600_000;

/**
 * The file: URL of a compiled build of `entry` whose inputs are unchanged on disk, built now if
 * needed; null when it cannot be built (no esbuild, read-only cache, a syntax error: the caller
 * falls back to tsx, which reports the error the same way it always has).
 */
export async function compiledCli({
  entry = join(ROOT, "src/cli/main.ts"),
  cacheDir = join(ROOT, "node_modules/.cache/revline"),
} = {}) {
  try {
    const manifestPath = join(cacheDir, `${baseName(entry)}.json`);
    const current = readManifest(manifestPath);
    if (current && current.entry === entry && isFresh(current)) return pathToFileURL(current.file).href;
    const built = await build(entry, cacheDir);
    const tmp = `${manifestPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(built));
    renameSync(tmp, manifestPath);
    removeOldBuilds(cacheDir, entry);
    return pathToFileURL(built.file).href;
  } catch {
    return null;
  }
}

/** The entry's path from the checkout, as a file name: src-cli-main-ts. */
function baseName(entry) {
  return relative(ROOT, entry)
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-+/, "");
}

function readManifest(path) {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    return manifest.version === BUILD_VERSION ? manifest : null;
  } catch {
    return null;
  }
}

/** Size and modification time of a file, or null when it is gone. */
function stamp(path) {
  try {
    return stampOf(statSync(path));
  } catch {
    return null;
  }
}

function stampOf(stats) {
  return `${stats.mtimeMs}:${stats.size}`;
}

function isFresh(manifest) {
  if (stamp(manifest.file) === null) return false;
  for (const [path, was] of Object.entries(manifest.inputs)) if (stamp(path) !== was) return false;
  return true;
}

async function build(entry, cacheDir) {
  const esbuild = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  const started = Date.now();
  const outdir = join(cacheDir, `${baseName(entry)}-${started}-${process.pid}`);
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      outdir,
      entryNames: "entry",
      chunkNames: "chunks/[name]-[hash]",
      outExtension: { ".js": ".mjs" },
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // Packages stay in node_modules, resolved from the cache folder inside it.
      packages: "external",
      metafile: true,
      logLevel: "silent",
      plugins: [keepSourceLocations],
    });
    const finished = Date.now();
    const inputs = {};
    for (const input of Object.keys(result.metafile.inputs)) {
      const path = resolve(ROOT, input);
      const stats = statSync(path);
      // A file saved while the build ran may not be in it: the next start builds again. (Not a
      // file dated in the future, say by an archive from a machine whose clock runs ahead: that
      // would rebuild at every command.)
      const savedDuringBuild = stats.mtimeMs >= started - 1000 && stats.mtimeMs <= finished;
      inputs[path] = savedDuringBuild ? "changed during the build" : stampOf(stats);
    }
    return { version: BUILD_VERSION, entry, file: join(outdir, "entry.mjs"), inputs };
  } finally {
    await esbuild.stop();
  }
}

/**
 * Each module's import.meta.url stays the URL of its source file, so the paths it builds from it
 * (migrations, the web build, worker entries) are the same compiled or not.
 */
const keepSourceLocations = {
  name: "keep-source-locations",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return {
        contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: extname(args.path).endsWith("ts") ? "ts" : "js",
      };
    });
  },
};

function removeOldBuilds(cacheDir, entry) {
  const prefix = `${baseName(entry)}-`;
  const builds = readdirSync(cacheDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(prefix))
    .map((d) => ({
      path: join(cacheDir, d.name),
      builtAt: Number(d.name.slice(prefix.length).split("-")[0]),
    }))
    .sort((a, b) => b.builtAt - a.builtAt);
  for (const old of builds.slice(KEEP_BUILDS)) {
    if (Date.now() - old.builtAt > KEEP_OLD_MS) rmSync(old.path, { recursive: true, force: true });
  }
}
