import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { dataModelMarkdown } from "./data-model-doc.ts";

it("docs/data-model.md matches the object registry", () => {
  const doc = readFileSync(new URL("../../docs/data-model.md", import.meta.url), "utf8");
  expect(doc).toBe(dataModelMarkdown());
});
