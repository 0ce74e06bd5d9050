import { describe, expect, it } from "vitest";
import { checkFormula, evaluateFormula, FormulaError, parseFormula } from "./index.ts";

const now = new Date("2026-03-01T12:00:00Z");
const run = (source: string, row: Record<string, unknown> = {}, children?: Record<string, unknown[]>) =>
  evaluateFormula(parseFormula(source), {
    row,
    now,
    children: children ? (child) => children[child] as Record<string, unknown>[] | undefined : undefined,
  });

describe("formulas", () => {
  it("computes arithmetic with precedence and parentheses", () => {
    expect(run("1 + 2 * 3")).toBe(7);
    expect(run("(1 + 2) * 3")).toBe(9);
    expect(run("-2 * -3")).toBe(6);
    expect(run("7 % 4")).toBe(3);
    expect(run("amount_minor * probability / 100", { amount_minor: 50000, probability: 40 })).toBe(20000);
  });

  it("propagates missing values and never divides by zero", () => {
    expect(run("amount_minor + 1", { amount_minor: null })).toBeNull();
    expect(run("10 / 0")).toBeNull();
    expect(run("coalesce(amount_minor, 0) + 1", {})).toBe(1);
  });

  it("compares, combines conditions and branches", () => {
    expect(run('if(employees > 1000, "large", "small")', { employees: 5000 })).toBe("large");
    expect(run("employees >= 10 and not (segment = 'smb')", { employees: 10, segment: "enterprise" })).toBe(
      true,
    );
    expect(run("segment = null or segment != 'smb'", { segment: null })).toBe(true);
    expect(run("name < 'B'", { name: "Acme" })).toBe(true);
    expect(run("'a' == 'a' and 1 <> 2")).toBe(true);
  });

  it("has text, number and date functions", () => {
    expect(run("concat(upper(country), '-', lower(name))", { country: "us", name: "ACME" })).toBe("US-acme");
    expect(run("len(name)", { name: "Acme" })).toBe(4);
    expect(run("round(2.345, 2)")).toBe(2.35);
    expect(run("abs(-3) + max(1, 5, 2) - min(4, 3)")).toBe(5);
    expect(run("days_since(close_date)", { close_date: "2026-02-01" })).toBe(28);
    expect(
      run("days_between(opened_at, closed_at)", {
        opened_at: "2026-01-01T00:00:00Z",
        closed_at: "2026-01-31T00:00:00Z",
      }),
    ).toBe(30);
    expect(run("year(close_date) * 100 + month(close_date)", { close_date: "2026-07-15" })).toBe(202607);
    expect(run("today()")).toBe("2026-03-01");
    expect(run("'Acme' + ' Corp'")).toBe("Acme Corp");
  });

  it("rolls up child records with a condition", () => {
    const children = {
      opportunities: [
        { amount_minor: 100, status: "open", close_date: "2026-05-01" },
        { amount_minor: 250, status: "open", close_date: "2026-04-01" },
        { amount_minor: 900, status: "won", close_date: "2025-12-01" },
        { amount_minor: null, status: "open", close_date: null },
      ],
      contacts: [{ email: "a@x.io" }, { email: null }],
    };
    expect(run('sum(opportunities.amount_minor, status = "open")', {}, children)).toBe(350);
    expect(run("count(opportunities)", {}, children)).toBe(4);
    expect(run("count(contacts.email)", {}, children)).toBe(1);
    expect(run("avg(opportunities.amount_minor)", {}, children)).toBeCloseTo(416.67, 1);
    expect(run("min(opportunities.close_date, status = 'open')", {}, children)).toBe("2026-04-01");
    expect(run("max(opportunities.amount_minor)", {}, children)).toBe(900);
    expect(run("sum(opportunities.amount_minor, status = 'lost')", {}, children)).toBe(0);
  });

  it("is undefined while the children it rolls up are not loaded", () => {
    expect(run("count(contacts) + 1", {}, {})).toBeUndefined();
    expect(run("count(contacts) + 1", {})).toBeUndefined();
  });

  it("rejects bad formulas with a reason and a position", () => {
    const fails = (source: string, message: RegExp) => {
      expect(() => parseFormula(source)).toThrow(FormulaError);
      expect(() => parseFormula(source)).toThrow(message);
    };
    fails("1 +", /expected a value/);
    fails("(1 + 2", /expected "\)"/);
    fails("foo(1)", /unknown function foo/);
    fails("if(1, 2)", /if\(\) takes 3 arguments/);
    fails("sum(amount_minor)", /sum\(\) needs a child field/);
    fails("avg(opportunities)", /avg\(\) needs a child field/);
    fails("sum(1, 2)", /rolls up child records/);
    fails("'open", /not closed/);
    fails("1 2", /unexpected text/);
    fails("a ; b", /unexpected character ";"/);
    fails("", /empty/);
    fails("x".repeat(501), /longer than 500/);
    fails(`${"(".repeat(60)}1${")".repeat(60)}`, /nested too deeply/);
    try {
      parseFormula("1 + * 2");
    } catch (error) {
      expect((error as FormulaError).position).toBe(4);
    }
  });

  it("never reaches JavaScript: names are only fields", () => {
    expect(run("constructor", {})).toBeNull();
    expect(run("__proto__", {})).toBeNull();
    expect(() => parseFormula("this.constructor('x')")).toThrow(FormulaError);
  });

  it("checks the fields and child objects a formula names", () => {
    const allowed = {
      fields: ["name", "employees"],
      children: { opportunities: ["amount_minor", "status"] },
    };
    expect(checkFormula("employees * 2", allowed).ok).toBe(true);
    expect(checkFormula("sum(opportunities.amount_minor, status = 'open')", allowed)).toMatchObject({
      ok: true,
    });
    expect(checkFormula("revenue + 1", allowed)).toMatchObject({
      ok: false,
      error: 'there is no field "revenue"',
    });
    expect(checkFormula("count(tickets)", allowed)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not child records/),
    });
    expect(checkFormula("sum(opportunities.stage)", allowed)).toMatchObject({
      ok: false,
      error: 'opportunities have no field "stage"',
    });
    expect(checkFormula("sum(opportunities.amount_minor, nope = 1)", allowed)).toMatchObject({ ok: false });
    expect(checkFormula("1 +", allowed)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expected/),
    });
  });
});
