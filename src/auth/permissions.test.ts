import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { can } from "./permissions.ts";
import { permissionsMarkdown } from "./permissions-doc.ts";

it("grants write only where a role owns the work", () => {
  expect(can("finance", "finance", "write")).toBe(true);
  expect(can("finance", "pipeline", "write")).toBe(false);
  expect(can("viewer", "crm", "read")).toBe(true);
  expect(can("viewer", "crm", "write")).toBe(false);
  expect(can("revops_manager", "admin", "write")).toBe(false);
  expect(can("sales_rep", "admin", "read")).toBe(false);
});

it("docs/permissions.md matches the permission table", () => {
  const doc = readFileSync(new URL("../../docs/permissions.md", import.meta.url), "utf8");
  expect(doc).toBe(permissionsMarkdown());
});
