import { expect, it } from "vitest";
import { newId } from "./ids.ts";

it("makes prefixed ids that sort by creation time", () => {
  const a = newId("acc", Date.UTC(2024, 0, 1));
  const b = newId("acc", Date.UTC(2024, 0, 2));
  expect(a).toMatch(/^acc_[0-9a-z]{22}$/);
  expect(a < b).toBe(true);
  expect(newId("acc")).not.toBe(newId("acc"));
});
