#!/usr/bin/env node
// Runs the CLI from its compiled build (src/runtime/compile-cli.mjs rebuilds it when a source file
// changes), so a checkout needs no build step. REVLINE_TSX=1, or a build that cannot be made, runs
// the TypeScript through tsx instead.
import { compiledCli } from "../src/runtime/compile-cli.mjs";

const compiled = process.env.REVLINE_TSX === "1" ? null : await compiledCli();
if (compiled) await import(compiled);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
