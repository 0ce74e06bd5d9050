import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../src/runtime/bootstrap.ts";
import { defaultWorkspace } from "../src/workspaces/workspaces.ts";
import { launchBrowser, SCREENSHOTS, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, ROOT, type RunningServer, startServer } from "./server.harness.ts";

const ACCOUNTS = Number(process.env.REVLINE_PERF_ACCOUNTS ?? 100_000);

/** 100,000 accounts written straight into the data folder in one statement, before the server starts. */
async function loadAccounts(dataDir: string): Promise<void> {
  const opened = await bootstrap({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logLevel: "silent",
    embeddedLowMemory: false,
    secureCookies: false,
  });
  try {
    const ws = (await defaultWorkspace(opened.database.db))!.id;
    await sql`insert into accounts (workspace_id, id, name, domain, industry, segment, region, country, employees,
        annual_revenue_minor, currency, lifecycle_stage, created_at, updated_at)
      select ${ws}, 'acc_perf' || lpad(i::text, 7, '0'), 'Account ' || lpad(i::text, 6, '0'),
        'account' || i || '.example', (array['Software', 'Retail', 'Media', 'Energy', 'Logistics'])[1 + i % 5],
        (array['smb', 'mid_market', 'enterprise'])[1 + i % 3], (array['NA', 'EMEA', 'APAC', 'LATAM'])[1 + i % 4],
        (array['US', 'DE', 'FR', 'JP', 'BR'])[1 + i % 5], 10 + (i * 37) % 5000, ((i * 7919) % 90000000)::bigint * 100,
        'USD', (array['lead', 'mql', 'sql', 'opportunity', 'customer'])[1 + i % 5],
        now() - make_interval(secs => i), now() - make_interval(secs => i)
      from generate_series(1, ${ACCOUNTS}) as i`.execute(opened.database.db);
  } finally {
    await opened.database.close();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Scrolls the grid a fixed distance every frame and records the time between frames. */
async function scrollFrames(page: Page, frames: number, pxPerFrame: number) {
  return page.evaluate(
    ([n, step]) =>
      new Promise<{ deltas: number[]; scrolled: number }>((resolve) => {
        const grid = document.querySelector<HTMLElement>(".grid-scroll")!;
        const deltas: number[] = [];
        let last = performance.now();
        let count = 0;
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          grid.scrollTop += step;
          if (++count < n) requestAnimationFrame(tick);
          else resolve({ deltas: deltas.slice(1), scrolled: grid.scrollTop });
        };
        requestAnimationFrame(tick);
      }),
    [frames, pxPerFrame] as const,
  );
}

function bundleSizes() {
  const dir = join(ROOT, "web", "dist", "assets");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return {
        file,
        kb: +(statSync(join(dir, file)).size / 1024).toFixed(1),
        gzipKb: +(gzipSync(bytes).length / 1024).toFixed(1),
      };
    })
    .sort((a, b) => b.kb - a.kb);
}

describe(`grid with ${ACCOUNTS.toLocaleString()} accounts`, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const report: Record<string, unknown> = { accounts: ACCOUNTS };

  beforeAll(async () => {
    buildWeb();
    const started = performance.now();
    server = await startServer({ prepare: loadAccounts });
    report.loadSeconds = +((performance.now() - started) / 1000).toFixed(1);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  }, 600_000);

  afterAll(async () => {
    writeFileSync(join(SCREENSHOTS, "grid-perf.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`grid performance\n${JSON.stringify(report, null, 2)}`);
    await browser?.close();
    await server?.stop();
  });

  it("shows the first rows quickly, with the whole list in the scrollbar", async () => {
    const started = performance.now();
    await page.goto(`${server.url}/accounts`);
    await page.getByRole("grid").locator('tr[aria-rowindex="2"] td').first().waitFor();
    report.firstRowsMs = Math.round(performance.now() - started);
    report.firstRowsSinceNavigationMs = Math.round(await page.evaluate(() => performance.now()));
    const grid = page.getByRole("grid");
    expect(Number(await grid.getAttribute("aria-rowcount"))).toBe(ACCOUNTS + 1);
    expect(report.firstRowsMs as number).toBeLessThan(15_000);
    await screenshot(page, "20-grid-100k-accounts");
  });

  it("scrolls smoothly while pages load behind", async () => {
    await page.getByRole("grid").focus();
    // A steady scroll (about 100 rows a second, like a mouse wheel held down), then a fling
    // (300 rows a second), each crossing page boundaries so pages load while scrolling.
    const frames = (deltas: number[]) => {
      const sorted = [...deltas].sort((a, b) => a - b);
      return {
        frames: sorted.length,
        p50Ms: +percentile(sorted, 0.5).toFixed(1),
        p95Ms: +percentile(sorted, 0.95).toFixed(1),
        maxMs: +sorted[sorted.length - 1].toFixed(1),
      };
    };
    const steady = await scrollFrames(page, 300, 60);
    const fling = await scrollFrames(page, 240, 180);
    report.steadyScroll = frames(steady.deltas);
    report.flingScroll = frames(fling.deltas);
    report.scrolledRows = Math.round(fling.scrolled / 36);
    await page.waitForTimeout(1500);
    report.rowsLoaded = Number(
      (await page.locator("h1 + p").textContent())?.match(/([\d,]+) loaded/)?.[1].replaceAll(",", "") ??
        ACCOUNTS,
    );
    const visible = await page.locator("tr[aria-rowindex] .record-link").first().textContent();
    expect(visible).toMatch(/^Account \d{6}$/);
    expect((report.steadyScroll as { p50Ms: number }).p50Ms).toBeLessThan(50);
    await screenshot(page, "21-grid-100k-scrolled");
  });

  it("reports the production bundle, split per page", () => {
    const sizes = bundleSizes();
    report.bundle = sizes;
    const pages = sizes.filter((s) => /page/.test(s.file)).map((s) => s.file);
    for (const name of ["grid.page", "account-360.page", "pipeline.page", "role-home.page"])
      expect(pages.some((f) => f.startsWith(name))).toBe(true);
  });
});
