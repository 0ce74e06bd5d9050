import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ArrBridge,
  DealList,
  GroupAccuracy,
  ModelInfo,
  PeriodForecast,
} from "../web/src/forecast/forecast.types.ts";
import { modelRecipe, money, percent } from "../web/src/forecast/forecast-format.ts";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";

/**
 * The forecast page on the demo company: the quarter's bookings per owner with every method
 * and the calls as the API computes them, a call submitted from the page, open deals with win
 * probability and top factors, the model's reliability, and forecast accuracy per team.
 */
describe("the forecast page on the demo company", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    await server.api("POST", "/api/demo", { accounts: 600, seed: 42 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the quarter by owner with each method as the API computes it", async () => {
    const expected = await server.api<PeriodForecast>("GET", "/api/forecast?by=owner");
    expect(expected.groups.length).toBeGreaterThan(1);
    await page.getByRole("link", { name: "Forecast", exact: true }).click();
    await page.waitForURL(/\/forecast$/);
    const first = expected.groups.find((g) => g.group !== null)!;
    const row = page.getByTestId(`forecast-row-${first.group}`);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const cells = await row.locator("td").allTextContents();
    const c = expected.currency;
    expect(cells.slice(0, 4)).toEqual([
      money(first.closed, c),
      money(first.methods.weighted, c),
      money(first.methods.stage_conversion, c),
      money(first.methods.model, c),
    ]);
    expect(await page.title()).toBe("Forecast · Revline");
    await page.getByRole("img", { name: "Reliability: predicted against observed win rate" }).waitFor();
    await screenshot(page, "forecast-01-owners");
  });

  it("submits a company call and shows it beside the methods", async () => {
    await page.getByRole("combobox", { name: "Group by" }).selectOption("company");
    const row = page.getByTestId("forecast-row-company");
    await row.waitFor({ timeout: 30_000 });
    const amount = page.getByLabel(/Company call for/);
    await amount.fill("1234567");
    await page.getByRole("button", { name: "Submit call" }).click();
    await expect
      .poll(async () => (await row.locator("td").last().textContent()) ?? "", { timeout: 20_000 })
      .toContain("1,234,567");
    const api = await server.api<PeriodForecast>("GET", "/api/forecast");
    expect(api.groups[0].call?.amount).toBe(1234567);
  });

  it("lists open deals with win probability and why", async () => {
    const deals = await server.api<DealList>("GET", "/api/forecast/deals?limit=25");
    expect(deals.method).toBe("model");
    const region = page.getByRole("region", { name: /Open deals by expected value/ });
    await expect.poll(() => region.getByRole("row").count(), { timeout: 20_000 }).toBe(deals.data.length + 1);
    const top = deals.data[0];
    const firstRow = region.getByRole("row").nth(1);
    expect(await firstRow.getByRole("rowheader").textContent()).toBe(top.name);
    expect(await firstRow.locator(".factor").count()).toBe(top.factors.length);
    // How the probabilities are made, as the model the API describes chose it.
    const model = await server.api<ModelInfo>("GET", "/api/forecast/model");
    expect(await page.getByTestId("model-recipe").textContent()).toBe(modelRecipe(model));
    expect(modelRecipe(model)).toMatch(/^Each probability is /);
    await page.getByTestId("backtest-model").waitFor({ timeout: 30_000 });
    await page.getByRole("region", { name: /Backtest/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "forecast-02-backtest-deals");
  });

  it("scores each team's snapshotted forecast against its bookings, as the API computes it", async () => {
    const bare = await server.api<GroupAccuracy>("GET", "/api/forecast/accuracy?by=team");
    const teams = bare.groups.filter((g) => g.group !== null);
    expect(teams.length).toBeGreaterThan(1);
    // A forecast for each team of the last complete quarter, snapshotted the day before it began.
    const last = bare.periods[bare.periods.length - 1];
    const dayBefore = new Date(Date.parse(`${last.start}T00:00:00Z`) - 86_400_000).toISOString();
    await server.api(
      "POST",
      "/api/metrics/forecast-snapshots",
      teams.map((t, i) => ({
        metric: "bookings",
        scope: `team:${t.group}`,
        method: "model",
        period_start: last.start,
        period_end: last.end,
        forecast_value: (i + 1) * 50_000_00,
        taken_at: dayBefore,
      })),
    );
    const expected = await server.api<GroupAccuracy>("GET", "/api/forecast/accuracy?by=team");
    await page.reload();
    const region = page.getByRole("region", { name: /Forecast accuracy by team/ });
    await region.scrollIntoViewIfNeeded();
    // Two header rows, then a row per team.
    await expect
      .poll(() => region.getByRole("row").count(), { timeout: 30_000 })
      .toBe(expected.groups.length + 2);
    for (const g of expected.groups.filter((x) => x.group !== null)) {
      const row = region.getByTestId(`accuracy-team-${g.group}`);
      expect(await row.getByRole("rowheader").textContent()).toBe(g.label);
      const h = g.methods.headline.score;
      expect(h.periods).toBe(1);
      expect((await row.locator("td").allTextContents()).slice(0, 4)).toEqual([
        String(h.periods),
        percent(h.accuracy, 1),
        percent(h.mape, 1),
        percent(h.bias, 1),
      ]);
    }
    await screenshot(page, "forecast-04-accuracy-by-team");
    const owners = await server.api<GroupAccuracy>("GET", "/api/forecast/accuracy?by=owner");
    await region.getByRole("combobox", { name: "Accuracy by" }).selectOption("owner");
    const byOwner = page.getByRole("region", { name: /Forecast accuracy by owner/ });
    await expect
      .poll(() => byOwner.getByRole("row").count(), { timeout: 30_000 })
      .toBe(owners.groups.length + 2);
  });

  it("shows the ARR bridge month by month and the riskiest renewals as the API computes them", async () => {
    const bridge = await server.api<ArrBridge>("GET", "/api/forecast/arr?horizon=12");
    expect(bridge.subscriptions).toBeGreaterThan(0);
    const region = page.getByRole("region", { name: "ARR bridge" });
    await region.scrollIntoViewIfNeeded();
    const monthRows = region.locator("table").first().getByRole("row");
    await expect.poll(() => monthRows.count(), { timeout: 30_000 }).toBe(13);
    const c = bridge.currency;
    const first = bridge.months[0];
    expect(await monthRows.nth(1).getByRole("rowheader").textContent()).toBe(first.period);
    const cells = await monthRows.nth(1).locator("td").allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      money(first.contracted, c),
      `−${money(first.expected_churn, c)}`,
      `+${money(first.expected_new, c)}`,
      `+${money(first.expected_expansion, c)}`,
      money(first.forecast, c),
    ]);
    const risky = region.locator("table").nth(1).getByRole("row");
    expect(await risky.count()).toBe(bridge.riskiest_renewals.length + 1);
    expect(await risky.nth(1).getByRole("rowheader").textContent()).toBe(bridge.riskiest_renewals[0].account);
    await screenshot(page, "forecast-03-arr-bridge");
  });
});
