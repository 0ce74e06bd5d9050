import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../meta.types.ts";
import { displayText } from "./cell-display.ts";
import { editText, parseCell } from "./cell-input.ts";

const f = (kind: FieldMeta["kind"], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  name: "x",
  kind,
  required: false,
  readOnly: false,
  immutable: false,
  ...extra,
});
const usd = { currency: "USD", timeZone: "Europe/Paris" };

describe("typing into a cell", () => {
  it("reads amounts in major units with shortcuts", () => {
    expect(parseCell(f("money"), "1.5m", usd)).toEqual({ ok: true, value: 150_000_000 });
    expect(parseCell(f("money"), "10k", { ...usd, currency: "JPY" })).toEqual({ ok: true, value: 10_000 });
    expect(parseCell(f("money"), "2,500.50", usd)).toEqual({ ok: true, value: 250_050 });
    expect(parseCell(f("money"), "lots", usd)).toMatchObject({
      ok: false,
      error: expect.stringContaining("USD"),
    });
    expect(parseCell(f("integer"), "12k", usd)).toEqual({ ok: true, value: 12_000 });
    expect(parseCell(f("integer"), "1.5", usd)).toEqual({ ok: false, error: "must be a whole number" });
  });

  it("reads enums by value or label, booleans, dates and times", () => {
    const segment = f("enum", { values: ["smb", "mid_market", "enterprise"] });
    expect(parseCell(segment, "Mid market", usd)).toEqual({ ok: true, value: "mid_market" });
    expect(parseCell(segment, "ENTERPRISE", usd)).toEqual({ ok: true, value: "enterprise" });
    expect(parseCell(segment, "huge", usd)).toEqual({
      ok: false,
      error: "must be one of: SMB, Mid market, Enterprise",
    });
    expect(parseCell(f("boolean"), "Yes", usd)).toEqual({ ok: true, value: true });
    expect(parseCell(f("date"), "2026-02-30", usd)).toMatchObject({ ok: false });
    expect(parseCell(f("date"), "Mar 5 2026", usd)).toEqual({ ok: true, value: "2026-03-05" });
    expect(parseCell(f("timestamp"), "2026-07-01 09:30", usd)).toEqual({
      ok: true,
      value: "2026-07-01T07:30:00.000Z",
    });
    expect(parseCell(f("timestamp"), "2026-07-01T09:30:00Z", usd)).toEqual({
      ok: true,
      value: "2026-07-01T09:30:00.000Z",
    });
  });

  it("clears optional cells and refuses to clear required ones", () => {
    expect(parseCell(f("text"), "  ", usd)).toEqual({ ok: true, value: null });
    expect(parseCell(f("text", { required: true }), "", usd)).toEqual({ ok: false, error: "is required" });
    expect(parseCell(f("currency"), "eur", usd)).toEqual({ ok: true, value: "EUR" });
    expect(parseCell(f("email"), "not-an-email", usd)).toEqual({ ok: true, value: "not-an-email" });
  });

  it("starts the editor from the stored value, and displays values formatted", () => {
    expect(editText(f("money"), 250_050, usd)).toBe("2500.5");
    expect(editText(f("timestamp"), "2026-07-01T07:30:00.000Z", usd)).toBe("2026-07-01 09:30");
    expect(editText(f("boolean"), false, usd)).toBe("no");
    expect(editText(f("text"), null, usd)).toBe("");
    expect(displayText(f("money"), 250_050, usd)).toMatch(/2,500\.50/);
    expect(displayText(f("enum"), "mid_market", usd)).toBe("Mid market");
    expect(displayText(f("ref"), "acc_1", { ...usd, refTitle: "Acme" })).toBe("Acme");
    expect(displayText(f("integer"), null, usd)).toBe("");
  });
});
