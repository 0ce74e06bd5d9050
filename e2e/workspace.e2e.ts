import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, type RunningServer, startServer } from "./server.harness.ts";
import { type Seeded, seedWorkspace } from "./workspace.seed.ts";

type Row = Record<string, any> & { id: string; version: number };

describe("the shared workspace: grid, views, account 360, pipeline board, search, role homes", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let s: Seeded;

  const get = <T = Row>(path: string) => server.api<T>("GET", path);
  /** The grid row (role=row) that holds a record's name. */
  const gridRow = (name: string) =>
    page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  const cell = (row: string, column: number) => gridRow(row).locator(`td[aria-colindex="${column}"]`);
  const columnIndex = async (label: string) =>
    Number(
      await page
        .getByRole("columnheader", { name: label, exact: false })
        .first()
        .getAttribute("aria-colindex"),
    );

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    s = await seedWorkspace(server);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows every object as a WAI-ARIA grid with all its rows counted", async () => {
    await page.goto(`${server.url}/accounts?sort=name`);
    const grid = page.getByRole("grid", { name: "Accounts" });
    await gridRow("Acme Corporation").waitFor();
    const { total } = await get<{ total: number }>("/api/accounts?limit=1&include_total=true");
    expect(Number(await grid.getAttribute("aria-rowcount"))).toBe(total + 1);
    expect(await page.getByRole("columnheader").count()).toBeGreaterThan(5);
    expect(await gridRow("Acme Corporation").getAttribute("aria-rowindex")).toMatch(/^\d+$/);
    expect(await gridRow("Acme Corporation").getByRole("gridcell").count()).toBeGreaterThan(5);
    expect(await page.title()).toBe("Accounts · Revline");
    await screenshot(page, "10-grid-accounts");
  });

  it("edits a cell from the keyboard, saves it, and finds it saved after a reload", async () => {
    const employees = await columnIndex("Employees");
    await cell("Acme Corporation", employees).click();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1.5k");
    await page.keyboard.press("Enter");
    await expect.poll(() => cell("Acme Corporation", employees).getAttribute("class")).toContain("changed");
    await page.getByText("1 unsaved change").waitFor();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved 1 row.").waitFor();
    await page.reload();
    await expect.poll(() => cell("Acme Corporation", employees).textContent()).toBe("1,500");
    const acme = await get(`/api/accounts/${s.acme.id}`);
    expect(acme).toMatchObject({ employees: 1500, version: s.acme.version + 1 });
  });

  it("shows why the API refused an edit, and saves nothing", async () => {
    await page.goto(`${server.url}/contacts`);
    const email = await columnIndex("Email");
    await gridRow("ada@acme.com").waitFor();
    // The title column of contacts is the email itself, a link: reach it from the next cell.
    await cell("ada@acme.com", email + 1).click();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("F2");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("ada-at-acme");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+s");
    const refused = page.locator('td[aria-invalid="true"]');
    await refused.getByText("must be a valid email address").waitFor();
    await page.getByRole("alert").getByText("Nothing was saved").waitFor();
    await screenshot(page, "11-grid-refused-edit");
    expect((await get(`/api/contacts/${s.ada.id}`)).email).toBe("ada@acme.com");
    await page.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => refused.count()).toBe(0);
  });

  it("pastes a block from a spreadsheet and saves all rows at once", async () => {
    await page.goto(`${server.url}/accounts?sort=name&name[like]=Batch`);
    await gridRow("Batch 01").waitFor();
    const industry = await columnIndex("Industry");
    await cell("Batch 01", industry).click();
    await page.getByRole("grid").evaluate((grid) => {
      const data = new DataTransfer();
      data.setData("text/plain", "Mining\tEnterprise\nFarming\tsmb\nFishing\tnot a segment\n");
      grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    });
    await page.getByText("5 unsaved changes").waitFor();
    await page.getByText("must be one of: SMB, Mid market, Enterprise").first().waitFor();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved 3 rows.").waitFor();
    const batch = await get<{ data: Row[] }>("/api/accounts?sort=name&name[like]=Batch&limit=3");
    expect(batch.data.map((a) => [a.industry, a.segment])).toEqual([
      ["Mining", "enterprise"],
      ["Farming", "smb"],
      ["Fishing", s.batch[2].segment],
    ]);
    // Undo the whole save in one step: every row goes back.
    await page.getByRole("button", { name: "Undo save" }).click();
    await page.getByText("Undid the last save.").waitFor();
    const undone = await get<{ data: Row[] }>("/api/accounts?sort=name&name[like]=Batch&limit=2");
    expect(undone.data.map((a) => a.industry)).toEqual([s.batch[0].industry, s.batch[1].industry]);
  });

  it("never overwrites someone else's save: the conflict is shown and the person chooses", async () => {
    await page.goto(`${server.url}/accounts?sort=name&name[like]=Batch`);
    const industry = await columnIndex("Industry");
    await cell("Batch 04", industry).click();
    await page.keyboard.type("Mine");
    await page.keyboard.press("Enter");
    const current = await get(`/api/accounts/${s.batch[3].id}`);
    await server.api("PATCH", `/api/accounts/${s.batch[3].id}`, {
      version: current.version,
      industry: "Theirs",
    });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = page.locator(".conflict-row");
    await conflict.getByText("was saved by someone else").waitFor();
    await conflict.getByText("Industry is now Theirs, yours Mine").waitFor();
    expect((await get(`/api/accounts/${s.batch[3].id}`)).industry).toBe("Theirs");
    await screenshot(page, "12-grid-conflict");
    await conflict.getByRole("button", { name: "Take theirs" }).click();
    await expect.poll(() => cell("Batch 04", industry).textContent()).toBe("Theirs");
  });

  it("saves a view with filters, grouping and a computed column, and reopens it from its URL", async () => {
    await page.goto(`${server.url}/opportunities?pipeline=new_business`);
    await gridRow("Acme platform").waitFor();
    await page.getByLabel("Group by").selectOption("stage");
    await page.getByText("ƒ Computed (0)").click();
    await page.getByLabel("Column name").fill("Weighted");
    await page.getByLabel("Formula").fill("amount_minor * probability / 100");
    await page.getByLabel("Shown as").selectOption("money");
    await page.getByRole("button", { name: "Add column" }).click();
    await page.getByText("ƒ Computed (1)").click();
    await page.getByRole("columnheader", { name: /Weighted/ }).waitFor();
    await page.getByText(/^View: All opportunities/).click();
    await page.getByLabel("View name").fill("New business by stage");
    await page.getByLabel("Shared with").selectOption("workspace");
    await page.getByRole("button", { name: "Save as new view" }).click();
    await page.waitForURL(/view=svw_/);
    const viewId = new URL(page.url()).searchParams.get("view")!;

    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(other, server.url, ADMIN.email, ADMIN.password);
    await other.goto(`${server.url}/opportunities?view=${viewId}`);
    await other.waitForURL(/group=stage/);
    expect(new URL(other.url()).searchParams.get("pipeline")).toBe("new_business");
    await other.getByText(/^View: New business by stage/).waitFor();
    await other.getByRole("columnheader", { name: /Weighted/ }).waitFor();
    const group = other.locator(".group-row").filter({ hasText: "Stage: Discovery" });
    await group.getByText(/\d+ records?/).waitFor();
    // $48,000 at 40% probability.
    await other.getByRole("row").filter({ hasText: "Acme platform" }).getByText("$19,200.00").waitFor();
    await screenshot(other, "13-saved-view-reopened");
    await other.close();
    const saved = await get(`/api/views/${viewId}`);
    expect(saved.definition).toMatchObject({
      group_by: "stage",
      filters: [{ field: "pipeline", op: "eq", value: "new_business" }],
    });
  });

  it("rolls up child records in a computed column, and shows them inline under their parent", async () => {
    await page.goto(`${server.url}/accounts?name=Acme%20Corporation`);
    await gridRow("Acme Corporation").waitFor();
    await page.getByText("ƒ Computed (0)").click();
    await page.getByLabel("Column name").fill("Open pipeline");
    await page.getByLabel("Formula").fill("sum(opportunities.amount_minor, status = 'open')");
    await page.getByLabel("Shown as").selectOption("money");
    await page.getByRole("button", { name: "Add column" }).click();
    await page.getByText("ƒ Computed (1)").click();
    await gridRow("Acme Corporation").getByText("$73,000.00").waitFor();
    await gridRow("Acme Corporation")
      .getByRole("button", { name: /Show related records/ })
      .click();
    await page.locator(".child-row").getByRole("link", { name: "Acme platform" }).waitFor();
    await page.locator(".child-row").getByRole("link", { name: "ada@acme.com" }).waitFor();
    await screenshot(page, "14-grid-children-and-rollup");
  });

  it("moves a deal by dragging its card to another stage, recorded in stage history", async () => {
    await page.goto(`${server.url}/pipeline`);
    await page.getByRole("tab", { name: /New business/ }).waitFor();
    const card = page.locator(`.board-card[data-id="${s.platform.id}"]`);
    await card.waitFor();
    await card.dragTo(page.locator('.board-column[data-stage="proposal"]'));
    await page.getByRole("status").getByText("Moved Acme platform to Proposal").waitFor();
    await page
      .locator('.board-column[data-stage="proposal"]')
      .locator(`[data-id="${s.platform.id}"]`)
      .waitFor();
    const moved = await get(`/api/opportunities/${s.platform.id}`);
    expect(moved.stage).toBe("proposal");
    const history = await get<{ data: Row[] }>(
      `/api/opportunity-stage-history?opportunity_id=${s.platform.id}&sort=changed_at`,
    );
    expect(history.data.map((h) => [h.from_stage, h.to_stage]).at(-1)).toEqual(["discovery", "proposal"]);
    await screenshot(page, "15-pipeline-board");
    // The keyboard way: the card's Move menu.
    await page
      .locator(`.board-card[data-id="${s.platform.id}"]`)
      .getByLabel("Move Acme platform to stage")
      .selectOption("closed_won");
    await page.getByRole("status").getByText("Moved Acme platform to Closed won").waitFor();
    expect(await get(`/api/opportunities/${s.platform.id}`)).toMatchObject({
      stage: "closed_won",
      status: "won",
    });
    await page.getByRole("tab", { name: /Expansion/ }).click();
    await page.locator(`.board-card[data-id="${s.expansion.id}"]`).waitFor();
  });

  it("opens an account 360 with every team's events on one timeline", async () => {
    await page.goto(`${server.url}/accounts/${s.acme.id}`);
    await page.getByRole("heading", { level: 1, name: "Acme Corporation" }).waitFor();
    await page.getByRole("list", { name: "Lifecycle journey" }).getByText("Customer").waitFor();
    for (const label of ["ARR", "Open pipeline", "Last touch", "Health"])
      await page.getByText(label, { exact: true }).waitFor();
    const timeline = page.locator(".timeline");
    for (const team of [
      "Marketing",
      "Sales",
      "Communication",
      "Support",
      "Finance",
      "Partners",
      "Lifecycle",
    ]) {
      await timeline.locator(".timeline-team", { hasText: team }).first().waitFor();
    }
    await timeline.getByText("Webinar registration · Spring webinar").waitFor();
    await timeline.getByText("Partner Northwind on Acme platform").waitFor();
    await timeline.getByText(/Acme platform: Discovery → Proposal/).waitFor();
    await screenshot(page, "16-account-360");
    await page.getByRole("button", { name: /^Finance/ }).click();
    await expect
      .poll(async () => new Set(await timeline.locator(".timeline-team").allInnerTexts()))
      .toEqual(new Set(["FINANCE"]));
    await page.getByRole("link", { name: "Details & history" }).click();
    await page.getByRole("region", { name: "Details" }).getByText("acme.com").waitFor();
  });

  it("finds records from the top bar by name, email, domain or external id", async () => {
    const search = page.getByRole("combobox", { name: "Search everything" });
    await search.fill("acme.com");
    const options = page.getByRole("listbox", { name: "Search results" });
    await options.getByRole("option", { name: /Acme Corporation/ }).waitFor();
    await options.getByRole("option", { name: /Ada Lovelace/ }).waitFor();
    await screenshot(page, "17-global-search");
    await search.press("Enter");
    await page.waitForURL(`${server.url}/accounts/${s.acme.id}`);
    await search.fill("SF-0042");
    await page.getByRole("option", { name: /Acme Corporation/ }).waitFor();
  });

  it("lands a sales rep on their own deals and tasks", async () => {
    const rep = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(rep, server.url, s.rep.email, s.rep.password);
    await rep.getByRole("heading", { level: 1, name: /My work/ }).waitFor();
    const deals = rep.getByRole("region", { name: "My open deals" });
    await deals.getByRole("link", { name: "Rep's own deal" }).waitFor();
    expect(await deals.getByRole("link", { name: "Acme platform" }).count()).toBe(0);
    await rep
      .getByRole("region", { name: "My open tasks" })
      .getByRole("link", { name: "Call Globex back" })
      .waitFor();
    await screenshot(rep, "18-home-sales-rep");
    await rep.close();
  });

  it("gives each role a home of its own", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: /Workspace administration/ }).waitFor();
    await page
      .getByRole("region", { name: "Open pipeline by stage" })
      .getByRole("link", { name: "Proposal" })
      .waitFor();
    await screenshot(page, "19-home-admin");
  });

  it("works read-only on a 390-px phone", async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await signIn(phone, server.url, ADMIN.email, ADMIN.password);
    await phone.goto(`${server.url}/accounts?sort=name`);
    const grid = phone.getByRole("grid");
    await grid.getByRole("link", { name: "Acme Corporation" }).waitFor();
    expect(await grid.getAttribute("aria-readonly")).toBe("true");
    expect(await phone.getByRole("button", { name: "New account" }).count()).toBe(0);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone, "30-phone-grid");
    await phone.goto(`${server.url}/accounts/${s.acme.id}`);
    await phone.getByRole("heading", { level: 1, name: "Acme Corporation" }).waitFor();
    await phone.locator(".timeline-event").first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "31-phone-account-360");
    await phone.goto(`${server.url}/pipeline`);
    await phone.locator(".board-card").first().waitFor();
    expect(await phone.locator(".board-card").first().getAttribute("draggable")).toBe("false");
    await screenshot(phone, "32-phone-pipeline");
    await phone.goto(`${server.url}/`);
    await phone.getByRole("heading", { level: 1 }).waitFor();
    await screenshot(phone, "33-phone-home");
    await phone.close();
  });
});
