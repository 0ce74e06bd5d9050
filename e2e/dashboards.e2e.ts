import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXECUTIVE_KEYS } from "../web/src/dashboards/dashboard-keys.ts";
import { resolveRange, todayIn } from "../web/src/dashboards/dashboard-state.ts";
import type {
  Attribution,
  Bottlenecks,
  DrillPage,
  Funnel,
  MetricResult,
} from "../web/src/dashboards/dashboard-types.ts";
import { formatMetric } from "../web/src/dashboards/metric-format.ts";
import { enumLabel } from "../web/src/meta.types.ts";
import { launchBrowser, SCREENSHOTS, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";

/**
 * The four KPI dashboards on the demo company: each tile shows what the metrics API returns
 * for the same range, hovering a KPI's name shows its formula, clicking a value lists the
 * records behind it, and a record opens.
 */
describe("KPI dashboards on the demo company", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  // The dashboards' default range: the twelve months up to today (the demo workspace is on UTC).
  const range = resolveRange({ from: null, to: null }, todayIn("UTC"));
  const get = <T>(path: string) => server.api<T>("GET", path);
  const series = (key: string, extra = "") =>
    get<MetricResult>(`/api/metrics/${key}?from=${range.from}&to=${range.to}&grain=month${extra}`);
  const tile = (key: string) => page.locator(`[data-metric="${key}"]`);
  const lastValue = (result: MetricResult) => result.series[result.series.length - 1];

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    await server.api("POST", "/api/demo", { accounts: 300, seed: 42 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("executive: asks for its KPIs and their split side by side, and shows ARR as the API computes it", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const onRequest = (r: { url(): string }) =>
      r.url().includes("/api/metrics/batch") && started.push(Date.now());
    const onFinished = (r: { url(): string }) =>
      r.url().includes("/api/metrics/batch") && finished.push(Date.now());
    page.on("request", onRequest);
    page.on("requestfinished", onFinished);
    await page.goto(`${server.url}/dashboards/executive?by=segment`);
    await tile("arr").locator(".kpi-value").waitFor({ timeout: 120_000 });
    await tile("win_rate").locator(".kpi-groups").getByRole("button").first().waitFor({ timeout: 120_000 });
    page.off("request", onRequest);
    page.off("requestfinished", onFinished);
    // Every tile's KPI in one batch and the sliceable ones per segment in another, both sent
    // before the first answer came back; skeletons stand in meanwhile.
    expect(started.length).toBe(2);
    expect(Math.max(...started)).toBeLessThanOrEqual(Math.min(...finished));

    const arr = lastValue(await series("arr"));
    const value = tile("arr").locator(".kpi-value");
    expect(await value.getAttribute("data-period")).toBe(arr.period);
    expect(Number(await value.getAttribute("data-value"))).toBe(arr.value);
    expect(await value.textContent()).toBe(formatMetric(arr.value, "money", "USD", { compact: true }));
    expect(await tile("arr").locator(".kpi-meta").textContent()).toContain(
      `Previous ${formatMetric(arr.previous, "money", "USD", { compact: true })}`,
    );
    const winRate = lastValue(await series("win_rate"));
    expect(await tile("win_rate").locator(".kpi-value").textContent()).toBe(
      formatMetric(winRate.value, "rate", "USD"),
    );
    await expect
      .poll(() => page.locator(".waterfall-card .recharts-bar-rectangle").count())
      .toBeGreaterThan(5);
    const netNew = lastValue(await series("net_new_mrr"));
    expect(await page.getByTestId("net-new-mrr").textContent()).toBe(
      formatMetric(netNew.value, "money", "USD"),
    );
    await screenshot(page, "60-dashboard-executive");
    await page.goto(`${server.url}/dashboards/executive`);
    await tile("arr").locator(".kpi-value").waitFor({ timeout: 120_000 });
  });

  it("shows a KPI's definition and formula when its name is hovered", async () => {
    const { data } = await get<{ data: Array<{ key: string; formula: string; definition: string }> }>(
      "/api/metrics",
    );
    const arr = data.find((m) => m.key === "arr")!;
    const tooltip = tile("arr").getByRole("tooltip");
    expect(await tooltip.isVisible()).toBe(false);
    await tile("arr").getByRole("button", { name: "ARR", exact: true }).hover();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toContain(arr.formula);
    expect(await tooltip.textContent()).toContain(arr.definition);
    await screenshot(page, "61-dashboard-formula-on-hover");
  });

  it("drills from a value to its records, and a record opens", async () => {
    const arr = lastValue(await series("arr"));
    await tile("arr").locator(".kpi-value").click();
    const panel = page.getByRole("dialog");
    await panel.getByRole("table").waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("drill")).toBe("arr");
    const drill = await get<DrillPage>(`/api/metrics/arr/records?period=${arr.period}&grain=month&limit=1`);
    expect(await panel.textContent()).toContain(`${drill.total} records`);
    const first = drill.records[0];
    expect(await panel.getByRole("row").nth(1).getByRole("link").textContent()).toBe(first.name);
    await screenshot(page, "62-dashboard-drill-down");
    await panel.getByRole("row").nth(1).getByRole("link").click();
    await page.waitForURL((u) => u.pathname === `/accounts/${first.id}`);
    await page.getByRole("heading", { name: first.name ?? "", level: 1 }).waitFor();
  });

  it("keeps grain and slicing in the URL and splits tiles by the dimension", async () => {
    await page.goto(`${server.url}/dashboards/executive`);
    await page.getByLabel("Slice by").selectOption("segment");
    await page.getByLabel("Grain").selectOption("quarter");
    await expect.poll(() => new URL(page.url()).search).toContain("grain=quarter");
    expect(new URL(page.url()).searchParams.get("by")).toBe("segment");
    const groups = tile("arr").locator(".kpi-groups");
    await groups.waitFor({ timeout: 120_000 });
    const sliced = await get<MetricResult>(
      `/api/metrics/arr?from=${range.from}&to=${range.to}&grain=quarter&by=segment`,
    );
    const segments = new Set(sliced.series.map((p) => p.group));
    await expect
      .poll(() => groups.getByRole("button").count(), { timeout: 15_000 })
      .toBe(Math.min(5, segments.size));
    expect(await tile("arr").locator(".kpi-value").getAttribute("data-period")).toMatch(/^\d{4}-Q[1-4]$/);
    // A KPI that cannot be split by segment says so rather than showing a wrong split.
    expect(await tile("pipeline_coverage").textContent()).toContain("cannot be split by segment");
    await page.reload();
    await groups.waitFor({ timeout: 120_000 });
    await tile("win_rate").locator(".kpi-groups").getByRole("button").first().waitFor({ timeout: 120_000 });
    await screenshot(page, "63-dashboard-executive-by-segment");
  });

  it("marketing: funnel as the API counts it, and attribution models side by side", async () => {
    await page.goto(`${server.url}/dashboards/marketing`);
    const funnel = await get<Funnel>(`/api/metrics/funnel?from=${range.from}&to=${range.to}`);
    await page.getByText(`${funnel.entered} contacts entered`).waitFor({ timeout: 120_000 });
    const attribution = page.getByRole("region", { name: "Attribution" });
    await attribution.getByRole("table").waitFor({ timeout: 120_000 });
    await attribution.getByRole("button", { name: "Last touch" }).click();
    expect(await attribution.getByRole("button", { name: "Last touch" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    const credit = await get<Attribution>(
      `/api/metrics/attribution?from=${range.from}&to=${range.to}&basis=pipeline&by=channel&model=last_touch`,
    );
    const lastTouch = credit.results[0];
    await attribution.getByText(lastTouch.description).waitFor();
    // The largest channel under last touch, credited what the API credits it.
    const top = attribution.getByRole("table").locator("tbody tr").first();
    expect(await top.locator("td").first().textContent()).toBe(
      formatMetric(lastTouch.rows[0].value, "money", "USD"),
    );
    await tile("lead_conversion_rate").locator(".kpi-value").waitFor({ timeout: 120_000 });
    await screenshot(page, "64-dashboard-marketing");
    const spend = page.getByRole("region", { name: "Marketing spend by channel" });
    await spend.locator(".link-button").first().click();
    await page
      .getByRole("dialog")
      .getByText(/\d+ records?/)
      .waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("drill_by")).toBe("channel");
  });

  it("marketing: a funnel step lists as many people as the funnel shows, each opening", async () => {
    await page.goto(`${server.url}/dashboards/marketing`);
    const funnel = await get<Funnel>(`/api/metrics/funnel?from=${range.from}&to=${range.to}`);
    const mql = funnel.stages.find((s) => s.stage === "mql");
    expect(mql?.reached).toBeGreaterThan(0);
    const chart = page.getByRole("region", { name: "Lifecycle funnel" });
    const step = chart.getByRole("button", { name: `${mql?.reached} reached MQL: show them` });
    await step.click({ timeout: 120_000 });
    const panel = page.getByRole("dialog");
    const count = `${mql?.reached} ${mql?.reached === 1 ? "record" : "records"}`;
    await panel.getByText(count).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("drill_period")).toBe("mql:reached");
    await panel.locator("tbody tr").first().waitFor();
    await screenshot(page, "64b-dashboard-funnel-drill");
    await panel.locator("tbody tr a").first().click();
    await page.waitForURL(/\/contacts\/[^/?]+$/, { timeout: 60_000 });
  });

  it("sales: bookings as the API computes them, and stalled deals open", async () => {
    await page.goto(`${server.url}/dashboards/sales`);
    await tile("bookings").locator(".kpi-value").waitFor({ timeout: 120_000 });
    const bookings = lastValue(await series("bookings"));
    expect(Number(await tile("bookings").locator(".kpi-value").getAttribute("data-value"))).toBe(
      bookings.value,
    );
    const stalled = page.getByRole("region", { name: "Stalled deals" });
    await stalled.getByRole("table").waitFor({ timeout: 120_000 });
    await screenshot(page, "65-dashboard-sales");
    const deal = stalled.getByRole("link").first();
    const name = await deal.textContent();
    await deal.click();
    await page.waitForURL((u) => u.pathname.startsWith("/opportunities/"));
    await page.getByRole("heading", { name: name ?? "", level: 1 }).waitFor();
  });

  it("sales: a time-in-stage stage lists as many deals as entered it", async () => {
    await page.goto(`${server.url}/dashboards/sales`);
    const stats = await get<Bottlenecks>(
      `/api/metrics/bottlenecks?from=${range.from}&to=${range.to}&limit=25`,
    );
    const first = stats.opportunity_stages[0];
    const chart = page.getByRole("region", { name: "Time in stage" });
    await chart
      .getByRole("button", { name: `${first.entered} entered ${enumLabel(first.stage)}: show the deals` })
      .click({ timeout: 120_000 });
    await page
      .getByRole("dialog")
      .getByText(`${first.entered} ${first.entered === 1 ? "record" : "records"}`)
      .waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("drill_period")).toBe(`${first.stage}:in_stage`);
  });

  it("customer success: NRR as the API computes it and a cohort heat-map", async () => {
    await page.goto(`${server.url}/dashboards/success`);
    await tile("nrr").locator(".kpi-value").waitFor({ timeout: 120_000 });
    const nrr = lastValue(await series("nrr"));
    expect(await tile("nrr").locator(".kpi-value").textContent()).toBe(
      formatMetric(nrr.value, "rate", "USD"),
    );
    const cohorts = await get<{ cohorts: unknown[] }>(
      `/api/metrics/cohorts?from=${range.from.slice(0, 7)}&to=${range.to.slice(0, 7)}`,
    );
    const heatmap = page.getByRole("region", { name: "Cohort retention" }).getByRole("table");
    await heatmap.waitFor({ timeout: 120_000 });
    expect(await heatmap.locator("tbody tr").count()).toBe(cohorts.cohorts.length);
    await page.getByRole("button", { name: "Revenue", exact: true }).click();
    expect(
      await page.getByRole("button", { name: "Revenue", exact: true }).getAttribute("aria-pressed"),
    ).toBe("true");
    await screenshot(page, "66-dashboard-success");
  });

  it("measures the executive KPIs in one batch against the same KPIs split three ways", async () => {
    const keys = EXECUTIVE_KEYS;
    const split = [keys.slice(0, 11), keys.slice(11, 14), keys.slice(14)];
    const batch = (k: string[]) =>
      get(`/api/metrics/batch?keys=${k.join(",")}&from=${range.from}&to=${range.to}&grain=month`);
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const runs = { one_batch: [] as number[], three_in_parallel: [] as number[] };
    await batch(keys);
    for (let i = 0; i < 7; i++) {
      runs.one_batch.push(await time(() => batch(keys)));
      runs.three_in_parallel.push(await time(() => Promise.all(split.map(batch))));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const figures = {
      engine: process.env.DATABASE_URL ? "PostgreSQL" : "PGlite",
      accounts: 300,
      one_batch_ms: Math.round(median(runs.one_batch)),
      three_in_parallel_ms: Math.round(median(runs.three_in_parallel)),
      ratio: Number((median(runs.three_in_parallel) / median(runs.one_batch)).toFixed(2)),
    };
    writeFileSync(
      join(SCREENSHOTS, `dashboards-perf-${figures.engine.toLowerCase()}.json`),
      `${JSON.stringify(figures, null, 2)}\n`,
    );
    console.log("executive dashboard KPIs:", figures);
    expect(figures.one_batch_ms).toBeGreaterThan(0);
  });
});
