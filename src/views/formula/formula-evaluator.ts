import type { FormulaNode, RollupFn } from "./formula-parser.ts";

export type FormulaValue = number | string | boolean | null;
export type FormulaRow = Record<string, unknown>;

export interface FormulaScope {
  row: FormulaRow;
  /** The row's child records of one object, or undefined while they are not loaded. */
  children?: (child: string) => FormulaRow[] | undefined;
  now?: Date;
}

class NotLoaded extends Error {}

const DAY_MS = 86_400_000;

function toNumber(value: FormulaValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function toValue(raw: unknown): FormulaValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "number" || typeof raw === "string" || typeof raw === "boolean") return raw;
  return null;
}

/** Only the row's own values: a name like `constructor` never reaches the prototype. */
const read = (row: FormulaRow, name: string): unknown => (Object.hasOwn(row, name) ? row[name] : undefined);

const truthy = (v: FormulaValue): boolean => v !== null && v !== false && v !== 0 && v !== "";

function toTime(value: FormulaValue): number | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

function compare(op: string, a: FormulaValue, b: FormulaValue): boolean {
  if (a === null || b === null) {
    if (op === "=") return a === b;
    if (op === "!=") return a !== b;
    return false;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  const [l, r] = x !== null && y !== null ? [x, y] : [String(a), String(b)];
  switch (op) {
    case "=":
      return l === r;
    case "!=":
      return l !== r;
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    default:
      return l >= r;
  }
}

function arithmetic(op: string, a: FormulaValue, b: FormulaValue): FormulaValue {
  if (
    op === "+" &&
    typeof a === "string" &&
    typeof b === "string" &&
    (toNumber(a) === null || toNumber(b) === null)
  )
    return a + b;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) return null;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? null : x / y;
    default:
      return y === 0 ? null : x % y;
  }
}

/** min/max over numbers, or over text (dates compare as text) when any value is not a number. */
function extreme(values: FormulaValue[], pick: "min" | "max"): FormulaValue {
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return null;
  if (present.every((v) => toNumber(v) !== null)) {
    const numbers = present.map((v) => toNumber(v)!);
    return pick === "min" ? Math.min(...numbers) : Math.max(...numbers);
  }
  const texts = present.map(String).sort();
  return pick === "min" ? texts[0] : texts[texts.length - 1];
}

function rollup(fn: RollupFn, rows: FormulaRow[], field: string | null): FormulaValue {
  if (fn === "count") return field === null ? rows.length : rows.filter((r) => read(r, field) != null).length;
  const values = rows.map((r) => toValue(read(r, field!)));
  if (fn === "min" || fn === "max") return extreme(values, fn);
  const numbers = values.map(toNumber).filter((n): n is number => n !== null);
  if (fn === "sum") return numbers.reduce((a, b) => a + b, 0);
  return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0) / numbers.length;
}

function callFunction(fn: string, args: FormulaValue[], now: Date): FormulaValue {
  const [a, b] = args;
  switch (fn) {
    case "coalesce":
      return args.find((v) => v !== null) ?? null;
    case "round": {
      const x = toNumber(a);
      const digits = toNumber(b ?? 0) ?? 0;
      return x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;
    }
    case "abs": {
      const x = toNumber(a);
      return x === null ? null : Math.abs(x);
    }
    case "min":
    case "max":
      return extreme(args, fn);
    case "concat":
      return args.map((v) => (v === null ? "" : String(v))).join("");
    case "lower":
      return a === null ? null : String(a).toLowerCase();
    case "upper":
      return a === null ? null : String(a).toUpperCase();
    case "len":
      return a === null ? null : String(a).length;
    case "days_since": {
      const t = toTime(a);
      return t === null ? null : Math.floor((now.getTime() - t) / DAY_MS);
    }
    case "days_between": {
      const from = toTime(a);
      const to = toTime(b);
      return from === null || to === null ? null : Math.round((to - from) / DAY_MS);
    }
    case "year":
    case "month": {
      const t = toTime(a);
      if (t === null) return null;
      const d = new Date(t);
      return fn === "year" ? d.getUTCFullYear() : d.getUTCMonth() + 1;
    }
    case "today":
      return now.toISOString().slice(0, 10);
    default:
      return null;
  }
}

function evaluateNode(node: FormulaNode, scope: FormulaScope, now: Date): FormulaValue {
  switch (node.type) {
    case "literal":
      return node.value;
    case "field":
      return toValue(read(scope.row, node.name));
    case "unary": {
      const v = evaluateNode(node.arg, scope, now);
      if (node.op === "not") return !truthy(v);
      const x = toNumber(v);
      return x === null ? null : -x;
    }
    case "binary": {
      if (node.op === "and")
        return truthy(evaluateNode(node.left, scope, now)) && truthy(evaluateNode(node.right, scope, now));
      if (node.op === "or")
        return truthy(evaluateNode(node.left, scope, now)) || truthy(evaluateNode(node.right, scope, now));
      const left = evaluateNode(node.left, scope, now);
      const right = evaluateNode(node.right, scope, now);
      if (["=", "!=", "<", "<=", ">", ">="].includes(node.op)) return compare(node.op, left, right);
      return arithmetic(node.op, left, right);
    }
    case "call":
      if (node.fn === "if") {
        const [condition, then, otherwise] = node.args;
        return truthy(evaluateNode(condition, scope, now))
          ? evaluateNode(then, scope, now)
          : evaluateNode(otherwise, scope, now);
      }
      return callFunction(
        node.fn,
        node.args.map((arg) => evaluateNode(arg, scope, now)),
        now,
      );
    case "rollup": {
      const rows = scope.children?.(node.child);
      if (rows === undefined) throw new NotLoaded();
      const where = node.where;
      const matching = where ? rows.filter((row) => truthy(evaluateNode(where, { row }, now))) : rows;
      return rollup(node.fn, matching, node.field);
    }
  }
}

/**
 * The value of a parsed formula for one row; `undefined` while child records it rolls up are
 * not loaded yet. Missing values propagate as null (null + 1 is null); dividing by zero is null.
 */
export function evaluateFormula(node: FormulaNode, scope: FormulaScope): FormulaValue | undefined {
  try {
    return evaluateNode(node, scope, scope.now ?? new Date());
  } catch (error) {
    if (error instanceof NotLoaded) return undefined;
    throw error;
  }
}
