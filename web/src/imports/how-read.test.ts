import { describe, expect, it } from "vitest";
import { howRead } from "./how-read.ts";

describe("howRead", () => {
  it("says how a file is read, and why the date order when the dry run knows", () => {
    expect(
      howRead({ encoding: "windows-1252", delimiter: ";", date_order: "dmy", date_order_from: "file" }),
    ).toBe(
      "Read as Windows-1252, semicolon-separated; 03/04/2026 is 3 April (day first, as the file's dates show).",
    );
    expect(howRead({ encoding: "utf-16le", delimiter: "\t", date_order: "mdy" })).toBe(
      "Read as UTF-16, tab-separated; 03/04/2026 is March 4 (month first).",
    );
    expect(howRead({ date_order: "mdy", date_order_from: "default" })).toBe(
      "03/04/2026 is March 4 (month first, the default).",
    );
  });
});
