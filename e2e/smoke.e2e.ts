import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, buildWeb, ROOT, type RunningServer, startServer } from "./server.harness.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = join(ROOT, "e2e", "screenshots");

type Account = { id: string; name: string };

describe("web shell smoke test", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let acme: Account;
  let globex: Account;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildWeb();
    server = await startServer();
    acme = await server.api<Account>("POST", "/api/accounts", {
      name: "Acme Corporation",
      domain: "acme.com",
      industry: "Manufacturing",
      segment: "enterprise",
      employees: 1200,
      annual_revenue_minor: 12_500_000_00,
      currency: "USD",
      country: "US",
    });
    globex = await server.api<Account>("POST", "/api/accounts", {
      name: "Globex Industries",
      domain: "globex.io",
      segment: "mid_market",
      annual_revenue_minor: 4_200_000_00,
      currency: "EUR",
    });
    await server.api("POST", "/api/contacts", {
      account_id: acme.id,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@acme.com",
      title: "VP Finance",
    });
    await server.api("POST", "/api/opportunities", {
      name: "Acme platform renewal",
      account_id: acme.id,
      stage: "negotiation",
      amount_minor: 48_000_00,
      currency: "USD",
      close_date: "2026-12-15",
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("redirects to the sign-in page and rejects a wrong password", async () => {
    await page.goto(`${server.url}/o/accounts`);
    await page.waitForURL(/\/sign-in/);
    await page.getByRole("heading", { name: "Sign in to your workspace" }).waitFor();
    await expect.poll(() => page.title()).toBe("Sign in · Revline");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Wrong email or password").waitFor();
    await shot("01-sign-in-error");
  });

  it("signs in through the form and lands on the page asked for", async () => {
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The first version's /o/accounts URL still works: it leads to /accounts.
    await page.waitForURL(`${server.url}/accounts`);
    await page.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
  });

  it("lists the accounts created through the API", async () => {
    const table = page.getByRole("grid");
    await table.getByRole("link", { name: "Acme Corporation" }).waitFor();
    await table.getByRole("link", { name: "Globex Industries" }).waitFor();
    await shot("02-accounts-list");
    const globexLink = table.getByRole("link", { name: "Globex Industries" });
    expect(await globexLink.getAttribute("href")).toBe(`/accounts/${globex.id}`);
    await table.getByText("$12,500,000.00").waitFor();
    await expect.poll(() => page.title()).toBe("Accounts · Revline");
  });

  it("sorts and searches through the URL", async () => {
    await page.getByRole("button", { name: /^Name/ }).click();
    await page.waitForURL(/sort=name/);
    const first = page.getByRole("grid").locator("tbody tr").first();
    await first.getByText("Acme Corporation").waitFor();
    await page.getByLabel("Search Accounts").fill("globex");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=globex/);
    await page.getByText("Acme Corporation").waitFor({ state: "detached" });
    expect(await page.getByRole("grid").getByRole("link", { name: "Globex Industries" }).count()).toBe(1);
  });

  it("opens a record page with its fields, related lists and history", async () => {
    await page.goto(`${server.url}/accounts/${acme.id}/details`);
    await page.getByRole("heading", { level: 1, name: "Acme Corporation" }).waitFor();
    const details = page.getByRole("region", { name: "Details" });
    await details.getByText("acme.com").waitFor();
    await details.getByText("Manufacturing").waitFor();
    await page.getByRole("heading", { name: "Contacts", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Opportunities", exact: true }).waitFor();
    await page.getByRole("link", { name: "ada@acme.com" }).waitFor();
    await page.getByRole("link", { name: "Acme platform renewal" }).waitFor();
    await page.getByRole("heading", { name: "History" }).waitFor();
    await expect.poll(() => page.title()).toBe("Acme Corporation · Accounts · Revline");
    await shot("03-account-record");
  });

  it("edits the record in place and shows a field error from the API", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Employees").fill("1500");
    await page.getByLabel("Currency").fill("XYZ");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("must be an ISO 4217 currency code").waitFor();
    await shot("04-account-edit-error");
    await page.getByLabel("Currency").fill("USD");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("version 2").waitFor();
    await page.getByRole("region", { name: "Details" }).getByText("1,500").waitFor();
  });

  it("creates a record from the list page, then deletes it", async () => {
    await page.goto(`${server.url}/accounts`);
    await page.getByRole("button", { name: "New account" }).click();
    await page.getByLabel(/^Name/).fill("Initech");
    await page.getByLabel("Segment").selectOption("smb");
    await page.getByLabel("Annual revenue").fill("2500.50");
    await page.getByLabel("Currency").fill("USD");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("heading", { level: 1, name: "Initech" }).waitFor();
    await page.getByRole("region", { name: "Details" }).getByText("$2,500.50").waitFor();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${server.url}/accounts`);
    await page.getByRole("link", { name: "Acme Corporation" }).waitFor();
    expect(await page.getByRole("link", { name: "Initech" }).count()).toBe(0);
  });

  it("shows the overview with counts, then signs out", async () => {
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("main").getByRole("heading", { level: 2, name: "CRM" }).waitFor();
    const crm = page.getByRole("region", { name: "CRM" });
    await crm.getByRole("listitem").filter({ hasText: "Accounts" }).getByText("2", { exact: true }).waitFor();
    await page.waitForFunction(() => !document.querySelector(".overview")?.textContent?.includes("…"));
    await shot("05-overview");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in$/);
  });
});
