import { describe, expect, it } from "vitest";
import { reasonLabel, scoreBand, share } from "./quality-format.ts";

describe("quality page formatting", () => {
  it("puts scores in the API's bands", () => {
    expect([0, 49, 50, 79, 80, 99, 100].map(scoreBand)).toEqual([
      "poor",
      "poor",
      "fair",
      "fair",
      "good",
      "good",
      "perfect",
    ]);
  });

  it("names reasons in words", () => {
    expect(reasonLabel("missing_email_or_phone")).toBe("Missing email or phone");
    expect(reasonLabel("phone_not_e164")).toBe("Phone not E.164");
    expect(reasonLabel("missing_owner_id")).toBe("Missing owner");
    expect(reasonLabel("email_free_mail")).toBe("Email free mail");
  });

  it("gives bar widths", () => {
    expect(share(1, 3)).toBe("33.3%");
    expect(share(0, 0)).toBe("0%");
  });
});
