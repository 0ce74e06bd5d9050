// API read throughput: GET /api/accounts (page of 50) on demo data vs the trivial health route,
// measured with autocannon against one server process in the same run; plus demo generation time.
// Env: BENCH_DEMO_ACCOUNTS (default 100000), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (10).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createApiKey } from "../src/auth/index.ts";
import { loadConfig } from "../src/config.ts";
import { loadDemo } from "../src/demo/index.ts";
import { systemActor } from "../src/records/actor.ts";
import { bootstrap } from "../src/runtime/bootstrap.ts";

const accounts = Number(process.env.BENCH_DEMO_ACCOUNTS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

async function waitForServer(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

export default async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "revline-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REVLINE_DATA_DIR: join(dir, "data"),
    REVLINE_LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  try {
    const opened = await bootstrap(loadConfig(env));
    const t0 = performance.now();
    const summary = await loadDemo(opened.database.db, opened.workspace.id, { accounts });
    const demoSeconds = (performance.now() - t0) / 1000;
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(
      `demo: ${accounts.toLocaleString()} accounts, ${rows.toLocaleString()} rows in ${demoSeconds.toFixed(1)} s (${Math.round(rows / demoSeconds).toLocaleString()} rows/s)`,
    );
    const key = await createApiKey(opened.database.db, systemActor(opened.workspace.id), {
      name: "bench",
      role: "viewer",
    });
    await opened.database.close();

    const port = 30000 + Math.floor(Math.random() * 10000);
    const bin = new URL("../bin/revline.mjs", import.meta.url).pathname;
    const server = spawn(process.execPath, [bin, "start", "--no-demo", "--dev", "--port", String(port)], {
      env,
    });
    try {
      const base = await waitForServer(server);
      const headers = { authorization: `Bearer ${key.key}` };
      await load(`${base}/api/health`, headers); // warm-up
      const health = await load(`${base}/api/health`, headers);
      const list = await load(`${base}/api/accounts?limit=50`, headers);
      const filtered = await load(`${base}/api/accounts?limit=50&segment=enterprise&sort=name`, headers);
      const report = {
        engine: "pglite",
        demoAccounts: accounts,
        demoRows: rows,
        demoSeconds: Number(demoSeconds.toFixed(1)),
        health,
        accountsPage: list,
        accountsFilteredSorted: filtered,
        throughputRatio: Number((list.rps / health.rps).toFixed(3)),
        p99Ratio: Number((list.p99 / Math.max(health.p99, 1)).toFixed(2)),
      };
      console.table({
        health,
        "GET /api/accounts?limit=50": list,
        "…&segment=enterprise&sort=name": filtered,
      });
      console.log(
        `accounts page throughput = ${report.throughputRatio} × health route; p99 ${list.p99} ms vs ${health.p99} ms`,
      );
      return report;
    } finally {
      server.kill("SIGTERM");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
