/**
 * Computed-column formulas: a small expression language over a row's fields and roll-ups of
 * its child records, parsed here into a tree and evaluated by formula-evaluator.ts. Nothing
 * is ever handed to `eval`: a formula can only read the values it names.
 *
 *   amount_minor * probability / 100
 *   if(employees > 1000, "large", "small")
 *   sum(opportunities.amount_minor, status = "open")      roll-up with a condition
 *   count(contacts)
 */
export type FormulaNode =
  | { type: "literal"; value: number | string | boolean | null }
  | { type: "field"; name: string }
  | { type: "unary"; op: "-" | "not"; arg: FormulaNode }
  | { type: "binary"; op: BinaryOp; left: FormulaNode; right: FormulaNode }
  | { type: "call"; fn: string; args: FormulaNode[] }
  | { type: "rollup"; fn: RollupFn; child: string; field: string | null; where: FormulaNode | null };

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";
export type RollupFn = "sum" | "avg" | "min" | "max" | "count";

export const ROLLUP_FNS: readonly RollupFn[] = ["sum", "avg", "min", "max", "count"];
/** Scalar functions and how many arguments each takes ([min, max]). */
export const FUNCTIONS: Record<string, [number, number]> = {
  if: [3, 3],
  coalesce: [1, 10],
  round: [1, 2],
  abs: [1, 1],
  min: [1, 10],
  max: [1, 10],
  concat: [1, 10],
  lower: [1, 1],
  upper: [1, 1],
  len: [1, 1],
  days_since: [1, 1],
  days_between: [2, 2],
  year: [1, 1],
  month: [1, 1],
  today: [0, 0],
};

export const MAX_FORMULA_LENGTH = 500;
const MAX_DEPTH = 40;

export class FormulaError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = "FormulaError";
    this.position = position;
  }
}

type Token =
  | { kind: "num"; value: number; at: number }
  | { kind: "str"; value: string; at: number }
  | { kind: "ident"; value: string; at: number }
  | { kind: "op"; value: string; at: number }
  | { kind: "end"; at: number };

const OPERATORS = ["<=", ">=", "!=", "<>", "==", "+", "-", "*", "/", "%", "=", "<", ">", "(", ")", ",", "."];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?/i.exec(source.slice(i))!;
      tokens.push({ kind: "num", value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\" && j + 1 < source.length) j++;
        text += source[j++];
      }
      if (j >= source.length) throw new FormulaError("a text value is not closed with its quote", i);
      tokens.push({ kind: "str", value: text, at: i });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "ident", value: match[0].toLowerCase(), at: i });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) throw new FormulaError(`unexpected character "${c}"`, i);
      tokens.push({ kind: "op", value: op === "==" ? "=" : op === "<>" ? "!=" : op, at: i });
      i += op.length;
    }
  }
  tokens.push({ kind: "end", at: source.length });
  return tokens;
}

/** Parses a formula; throws FormulaError naming the position of the first problem. */
export function parseFormula(source: string): FormulaNode {
  if (source.length > MAX_FORMULA_LENGTH)
    throw new FormulaError(`is longer than ${MAX_FORMULA_LENGTH} characters`, MAX_FORMULA_LENGTH);
  if (source.trim() === "") throw new FormulaError("is empty", 0);
  const tokens = tokenize(source);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const isOp = (value: string) => {
    const t = tokens[pos];
    return t.kind === "op" && t.value === value;
  };
  const isWord = (value: string) => {
    const t = tokens[pos];
    return t.kind === "ident" && t.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new FormulaError(`expected "${value}"`, peek().at);
    pos++;
  };

  const binaryLevel =
    (ops: string[], next: () => FormulaNode, words = false) =>
    (): FormulaNode => {
      let left = next();
      for (;;) {
        const t = peek();
        const matches = words
          ? t.kind === "ident" && ops.includes(t.value)
          : t.kind === "op" && ops.includes(t.value);
        if (!matches) return left;
        pos++;
        left = { type: "binary", op: (t as { value: string }).value as BinaryOp, left, right: next() };
      }
    };

  const primary = (): FormulaNode => {
    if (++depth > MAX_DEPTH) throw new FormulaError("is nested too deeply", peek().at);
    try {
      const t = peek();
      if (t.kind === "num" || t.kind === "str") {
        pos++;
        return { type: "literal", value: t.value };
      }
      if (isOp("(")) {
        pos++;
        const inner = orLevel();
        expect(")");
        return inner;
      }
      if (isOp("-")) {
        pos++;
        return { type: "unary", op: "-", arg: primary() };
      }
      if (t.kind !== "ident") throw new FormulaError("expected a value, a field or a function", t.at);
      pos++;
      if (t.value === "true" || t.value === "false") return { type: "literal", value: t.value === "true" };
      if (t.value === "null") return { type: "literal", value: null };
      if (!isOp("(")) return { type: "field", name: t.value };
      pos++;
      return call(t.value, t.at);
    } finally {
      depth--;
    }
  };

  const call = (fn: string, at: number): FormulaNode => {
    // `sum(opportunities.amount_minor, …)` and `count(contacts)` read child records.
    const next = tokens[pos + 1];
    const rollup =
      ROLLUP_FNS.includes(fn as RollupFn) &&
      peek().kind === "ident" &&
      next.kind === "op" &&
      // min() and max() are also scalar functions: only `min(child.field…)` rolls up.
      (next.value === "." || (!FUNCTIONS[fn] && (next.value === "," || next.value === ")")));
    if (rollup) {
      const child = (peek() as { value: string }).value;
      pos++;
      let field: string | null = null;
      if (isOp(".")) {
        pos++;
        const f = peek();
        if (f.kind !== "ident") throw new FormulaError("expected a field of the child records", f.at);
        field = f.value;
        pos++;
      }
      if (fn !== "count" && field === null)
        throw new FormulaError(`${fn}() needs a child field, e.g. ${fn}(opportunities.amount_minor)`, at);
      let where: FormulaNode | null = null;
      if (isOp(",")) {
        pos++;
        where = orLevel();
      }
      expect(")");
      return { type: "rollup", fn: fn as RollupFn, child, field, where };
    }
    const arity = FUNCTIONS[fn];
    if (!arity && ROLLUP_FNS.includes(fn as RollupFn))
      throw new FormulaError(`${fn}() rolls up child records, e.g. ${fn}(opportunities.amount_minor)`, at);
    if (!arity) throw new FormulaError(`unknown function ${fn}()`, at);
    const args: FormulaNode[] = [];
    if (!isOp(")")) {
      args.push(orLevel());
      while (isOp(",")) {
        pos++;
        args.push(orLevel());
      }
    }
    expect(")");
    if (args.length < arity[0] || args.length > arity[1]) {
      const wanted = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`;
      throw new FormulaError(`${fn}() takes ${wanted} argument${arity[1] === 1 ? "" : "s"}`, at);
    }
    return { type: "call", fn, args };
  };

  const mulLevel = binaryLevel(["*", "/", "%"], primary);
  const addLevel = binaryLevel(["+", "-"], mulLevel);
  const compareLevel = (): FormulaNode => {
    const left = addLevel();
    const t = peek();
    if (t.kind === "op" && ["=", "!=", "<", "<=", ">", ">="].includes(t.value)) {
      pos++;
      return { type: "binary", op: t.value as BinaryOp, left, right: addLevel() };
    }
    return left;
  };
  const notLevel = (): FormulaNode => {
    if (isWord("not")) {
      pos++;
      return { type: "unary", op: "not", arg: notLevel() };
    }
    return compareLevel();
  };
  const andLevel = binaryLevel(["and"], notLevel, true);
  const orLevel = binaryLevel(["or"], andLevel, true);

  const tree = orLevel();
  if (peek().kind !== "end") throw new FormulaError("unexpected text after the formula", peek().at);
  return tree;
}
