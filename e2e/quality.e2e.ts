import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";

type Summary = {
  data: Array<{
    object: string;
    label: string;
    records: number;
    score: number;
    reasons: Array<{ code: string; count: number }>;
  }>;
};
type Page_ = { data: Array<{ id: string; title: string; score: number; reasons: Array<{ code: string }> }> };

describe("the data quality page on the demo company", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let summary: Summary;

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    await server.api("POST", "/api/demo", { accounts: 120, seed: 7 });
    summary = await server.api<Summary>("GET", "/api/quality/summary");
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each object's score and the reasons records lose points for", async () => {
    const contacts = summary.data.find((o) => o.object === "contacts")!;
    expect(contacts.records).toBeGreaterThan(100);
    await page.getByRole("link", { name: "Data quality" }).click();
    await page.waitForURL(/\/quality$/);
    await expect.poll(() => page.getByTestId("score-contacts").textContent()).toBe(contacts.score.toFixed(1));
    const accounts = summary.data.find((o) => o.object === "accounts")!;
    expect(await page.getByTestId("score-accounts").textContent()).toBe(accounts.score.toFixed(1));
    const reasons = page.getByRole("region", { name: "Why contacts lose points" });
    expect(await reasons.getByRole("button").count()).toBe(contacts.reasons.length);
    expect(await reasons.getByRole("button").first().textContent()).toContain(
      String(contacts.reasons[0].count),
    );
    expect(await page.title()).toBe("Data quality · Revline");
    await screenshot(page, "quality-01-summary");
  });

  it("filters the worst records by a reason and opens one", async () => {
    const contacts = summary.data.find((o) => o.object === "contacts")!;
    const reason = contacts.reasons.find((r) => r.code.startsWith("phone_")) ?? contacts.reasons[0];
    const expected = await server.api<Page_>("GET", `/api/quality/contacts?reason=${reason.code}&limit=25`);
    const region = page.getByRole("region", { name: "Why contacts lose points" });
    await region
      .getByRole("button")
      .filter({ hasText: String(reason.count) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`reason=${reason.code}`));
    const table = page.getByRole("region", { name: /Worst contacts/ });
    const first = expected.data[0];
    const link = table.getByRole("link", { name: first.title, exact: true }).first();
    await link.waitFor();
    expect(await table.getByRole("row").count()).toBe(expected.data.length + 1);
    await screenshot(page, "quality-02-filtered");
    await link.click();
    await page.waitForURL(new RegExp(`/contacts/${first.id}$`));
    // The record page sets its title once its record has loaded: wait for it, not for any h1
    // (the quality page's own heading can still be on screen for a moment).
    await page.waitForFunction(() => document.title.includes("Contacts"), undefined, { timeout: 15_000 });
    expect(await page.title()).toContain("Contacts");
  });
});
