import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";

// The demo company with 150 accounts and seed 1 has five contacts arriving a second time
// (lead source "List import", another email address): the review queue must show them.
type Contacts = { data: Array<{ id: string; email: string }> };

describe("the duplicates page on the demo company", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let secondArrivals: Contacts["data"];

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    await server.api("POST", "/api/demo", { accounts: 150, seed: 1 });
    secondArrivals = (await server.api<Contacts>("GET", "/api/contacts?lead_source=List%20import&limit=50"))
      .data;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("finds duplicates with a run and lists them for review", async () => {
    expect(secondArrivals).toHaveLength(5);
    await page.getByRole("link", { name: "Duplicates" }).click();
    await page.waitForURL(/\/duplicates$/);
    await page.getByRole("button", { name: "Find duplicates" }).click();
    await page.getByText(/cluster\(s\) found/).waitFor({ timeout: 60_000 });
    const queue = page.getByRole("navigation", { name: "Review queue" });
    await expect.poll(() => queue.getByRole("button").count()).toBeGreaterThanOrEqual(5);
    for (const dup of secondArrivals) expect(await queue.getByText(dup.email).count(), dup.email).toBe(1);
    expect(await page.title()).toBe("Duplicates · Revline");
  });

  it("opens a cluster side by side, merges it, then undoes the merge", async () => {
    const dup = secondArrivals[0];
    const queue = page.getByRole("navigation", { name: "Review queue" });
    await queue.getByRole("button").filter({ hasText: dup.email }).click();
    const review = page.getByRole("region", { name: "Cluster review" });
    await review.getByRole("heading", { name: new RegExp(dup.email.replace(/[.+]/g, "\\$&")) }).waitFor();
    // The two emails differ: that row is highlighted, with the engine's evidence beside it.
    const emailRow = review.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Email" }) });
    expect(await emailRow.getAttribute("class")).toContain("differs");
    expect(
      await review
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: "Last name" }) })
        .textContent(),
    ).toContain("exact");
    // Keep the other record, but take the second arrival's email.
    const keep = review.getByRole("radio", { name: "Keep this record" });
    await keep
      .nth((await review.getByRole("columnheader").nth(1).textContent())?.includes(dup.email) ? 1 : 0)
      .check();
    await review
      .getByRole("radio", { name: new RegExp(`Keep Email of ${dup.email.replace(/[.+]/g, "\\$&")}`) })
      .check();
    await screenshot(page, "duplicates-01-review");
    await review.getByRole("button", { name: /^Merge 2 records/ }).click();
    await page.getByText(/Merged 1 record\(s\) into/).waitFor();
    const merges = page.getByRole("region", { name: "Recent merges" });
    await merges.getByText(dup.email).waitFor();
    await expect(server.api("GET", `/api/contacts/${dup.id}`)).rejects.toThrow(/404/);
    await screenshot(page, "duplicates-02-merged");
    await merges.getByRole("button", { name: "Undo" }).first().click();
    await merges.getByText(/undone/).waitFor();
    const back = await server.api<{ email: string }>("GET", `/api/contacts/${dup.id}`);
    expect(back.email).toBe(dup.email);
    await queue.getByRole("button").filter({ hasText: dup.email }).waitFor();
    await screenshot(page, "duplicates-03-undone");
  });

  it("links a lead to the account its email domain names, from the Leads → accounts tab", async () => {
    const account = await server.api<{ id: string }>("POST", "/api/accounts", {
      name: "Leadwell",
      domain: "leadwell.example",
    });
    const lead = await server.api<{ id: string }>("POST", "/api/contacts", { email: "kim@leadwell.example" });
    await server.api("POST", "/api/contacts", { email: "lee@leadwell.example" });
    await page.getByRole("button", { name: "Leads → accounts" }).click();
    await page.waitForURL(/object=leads/);
    await page.getByRole("button", { name: "Match leads to accounts" }).click();
    await page.getByText(/lead–account pair\(s\)/).waitFor({ timeout: 60_000 });
    const section = page.getByRole("region", { name: /without an account/ });
    const row = section.getByRole("row").filter({ hasText: "kim@leadwell.example" });
    await row.waitFor();
    expect(await row.textContent()).toContain("leadwell.example");
    expect(await row.getByRole("link", { name: "Leadwell", exact: true }).getAttribute("href")).toBe(
      `/accounts/${account.id}`,
    );
    await screenshot(page, "duplicates-04-lead-matches");
    await section.getByRole("button", { name: "Link kim@leadwell.example" }).click();
    await section.getByText(/Linked 1 lead\(s\)/).waitFor();
    expect(await section.getByRole("row").filter({ hasText: "kim@leadwell.example" }).count()).toBe(0);
    expect(await section.getByRole("row").filter({ hasText: "lee@leadwell.example" }).count()).toBe(1);
    await screenshot(page, "duplicates-05-lead-linked");
    const stored = await server.api<{ account_id: string }>("GET", `/api/contacts/${lead.id}`);
    expect(stored.account_id).toBe(account.id);
    await page.goto(`${server.url}/contacts/${lead.id}`);
    await page.getByRole("link", { name: "Leadwell", exact: true }).first().waitFor();
    await screenshot(page, "duplicates-06-lead-record");
  });
});
