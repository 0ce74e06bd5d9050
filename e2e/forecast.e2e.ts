import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArrBridge, DealList, PeriodForecast } from "../web/src/forecast/forecast.types.ts";
import { money } from "../web/src/forecast/forecast-format.ts";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";

/**
 * The forecast page on the demo company: the quarter's bookings per owner with every method
 * and the calls as the API computes them, a call submitted from the page, open deals with win
 * probability and top factors, and the model's reliability.
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
    await page.getByTestId("backtest-model").waitFor({ timeout: 30_000 });
    await page.getByRole("region", { name: /Backtest/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "forecast-02-backtest-deals");
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
