import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "../connect.ts";
import { migrate } from "../migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Creating a PGlite database costs seconds (initdb); loading a copy of a migrated one costs
 * well under one. So the database suites migrate one template here and each file loads it.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (process.env.REVLINE_TEST_DB === "postgres") return;
  const template = await connect({});
  try {
    await migrate(template.db);
    const dump = await template.dumpDataDir!();
    const path = join(tmpdir(), `revline-template-${process.pid}.tar`);
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteTemplate", path);
  } finally {
    await template.close();
  }
}
