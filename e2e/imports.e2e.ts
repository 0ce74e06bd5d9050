import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signIn } from "./browser.harness.ts";
import { ADMIN, buildWeb, ROOT, type RunningServer, startServer } from "./server.harness.ts";

const SAMPLES = join(ROOT, "samples", "imports");

// samples/imports/hubspot-contacts.csv: 7 contacts, one (data row 6) with a malformed email;
// samples/imports/generic-contacts.csv: 3 contacts keyed "Contact ID".
describe("the import wizard", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(60_000);
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads a HubSpot export, previews it, imports it and shows the summary", async () => {
    // The navigation offers the wizard to roles that may write.
    expect(await page.getByRole("link", { name: "Import data" }).getAttribute("href")).toBe("/imports");
    await page.goto(`${server.url}/imports`);
    await page.getByLabel("File (CSV or JSON lines)").setInputFiles(join(SAMPLES, "hubspot-contacts.csv"));
    await page.getByLabel("Preset (the tool the file was exported from)").selectOption("hubspot-contacts");
    // The preset's mapping and the file's first rows.
    await expect
      .poll(() => page.getByRole("cell", { name: "Lifecycle Stage", exact: true }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await page.getByRole("cell", { name: "Ada", exact: true }).waitFor();
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByRole("region", { name: "Preview of the import" });
    await preview.getByText("7 rows").waitFor();
    expect(await preview.textContent()).toContain("6 ready");
    // Ada's lifecycle history, from the export's "Became a … Date" columns.
    expect(await preview.textContent()).toContain(
      "lifecycle: lead 2025-03-05 → mql 2025-03-20 → customer 2025-06-30",
    );
    await preview.getByText("lifecycle: lead 2025-03-05", { exact: false }).scrollIntoViewIfNeeded();
    await screenshot(page, "40-import-preview");

    await page.getByRole("button", { name: "Start import" }).click();
    await page.waitForURL(/\/imports\/imp_/);
    await page.locator(".import-progress .import-status-completed").waitFor();
    const counts = page.getByRole("definition");
    await expect.poll(() => counts.allTextContents(), { timeout: 30_000 }).toEqual(["6", "0", "0", "1"]);
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    await page.getByText("Read as UTF-8, comma-separated; 03/04/2026 is March 4 (month first).").waitFor();
    // Data row 6 is Barbara Liskov, whose email "barbara(at)example" is not an email.
    const rejected = page.getByRole("region", { name: "Rejected rows" }).getByRole("row").nth(1);
    await rejected.waitFor();
    expect(await rejected.getByRole("cell").allTextContents()).toEqual([
      "6",
      "Email",
      expect.stringMatching(/email/i),
    ]);
    const listed = page.getByRole("region", { name: "Past imports" }).getByRole("row").nth(1);
    await listed.getByText("completed").waitFor();
    expect(await listed.getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining(["hubspot-contacts.csv", "hubspot-contacts", "completed", "7", "6", "1"]),
    );
    await screenshot(page, "41-import-summary");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Download the 1 rejected rows/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^Record ID,First Name,.*,revline_row,revline_field,revline_reason$/);
    expect(csv[1]).toMatch(/^106,Barbara,Liskov,barbara\(at\)example,.*,6,email,.*email/);
  }, 240_000);

  it("reads a Windows-1252, day-first export as the import will, and lets the user choose the date order", async () => {
    // Excel on Windows: Windows-1252 bytes ("Café Müller"), semicolons, dates day first.
    const dir = mkdtempSync(join(tmpdir(), "wizard-"));
    const path = join(dir, "deals-excel.csv");
    const text =
      "Record ID;Deal Name;Deal Stage;Amount;Close Date\r\n" +
      "9101;Café Müller renewal;Appointment Scheduled;1200;03/04/2026\r\n" +
      "9102;Zürich expansion;Appointment Scheduled;800;31/05/2026\r\n";
    writeFileSync(path, Buffer.from(text, "latin1"));
    await page.goto(`${server.url}/imports`);
    await page.getByLabel("File (CSV or JSON lines)").setInputFiles(path);
    await page.getByRole("cell", { name: "Café Müller renewal", exact: true }).waitFor();
    await page.getByLabel("Preset (the tool the file was exported from)").selectOption("hubspot-deals");
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByRole("region", { name: "Preview of the import" });
    await preview.getByText("2 rows").waitFor();
    const read = await preview.textContent();
    expect(read).toContain(
      "Read as Windows-1252, semicolon-separated; 03/04/2026 is 3 April (day first, as the file's dates show).",
    );
    expect(read).toContain("name: Café Müller renewal");
    expect(read).toContain("close_date: 2026-04-03");
    await screenshot(page, "42-import-preview-day-first");

    await page.getByLabel("Dates like 03/04/2026").selectOption("mdy");
    await page.getByRole("button", { name: "Preview the import" }).click();
    await preview.getByText("March 4 (month first, as chosen)", { exact: false }).waitFor();
    const chosen = await preview.textContent();
    expect(chosen).toContain("close_date: 2026-03-04");
    expect(chosen).toContain("close_date: 2026-05-31"); // 31/05 can only be day first
  });

  it("maps a generic CSV's columns, previews the mapped records and lists the import", async () => {
    await page.goto(`${server.url}/imports`);
    await page.getByLabel("File (CSV or JSON lines)").setInputFiles(join(SAMPLES, "generic-contacts.csv"));
    await page.getByLabel("Preset (the tool the file was exported from)").selectOption("generic");
    await page.getByLabel("Import into").selectOption("contacts");
    await page.getByLabel("Source name").fill("legacy_crm");
    await page.getByLabel("Column Contact ID becomes").selectOption("external_id");
    await page.getByLabel("Column Given name becomes").selectOption("first_name");
    await page.getByLabel("Column Family name becomes").selectOption("last_name");
    await page.getByLabel("Column E-mail becomes").selectOption("email");
    await page.getByLabel("Column Signed up becomes").selectOption("custom");
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByRole("region", { name: "Preview of the import" });
    await preview.getByText("3 rows").waitFor();
    expect(await preview.textContent()).toContain("Columns not imported: Stage, Company ref");
    expect(await preview.textContent()).toContain("first_name: Mary");
    await screenshot(page, "42-import-generic-mapping");

    await page.getByRole("button", { name: "Start import" }).click();
    await page.waitForURL(/\/imports\/imp_/);
    await page.locator(".import-progress .import-status-completed").waitFor();
    await expect
      .poll(() => page.getByRole("definition").allTextContents(), { timeout: 30_000 })
      .toEqual(["3", "0", "0", "0"]);
    const past = page.getByRole("region", { name: "Past imports" });
    expect(await past.getByRole("row").count()).toBe(3);
    const mary = await server.api<{ data: Array<Record<string, any>> }>(
      "GET",
      "/api/contacts?email=mary.jackson@example.com",
    );
    expect(mary.data.map((c) => [c.first_name, c.source, c.external_id, c.custom])).toEqual([
      ["Mary", "legacy_crm", "L-1", { signed_up: "2025-10-01" }],
    ]);
  }, 240_000);
});
