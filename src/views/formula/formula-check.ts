import { FormulaError, type FormulaNode, parseFormula } from "./formula-parser.ts";

/** The fields a formula may read: the row's own, and those of each kind of child record. */
export interface FormulaFields {
  fields: readonly string[];
  children: Readonly<Record<string, readonly string[]>>;
}

/** What a formula reads: the row's fields, and per child object the child fields. */
export interface FormulaReferences {
  fields: Set<string>;
  children: Map<string, Set<string>>;
}

export function formulaReferences(node: FormulaNode): FormulaReferences {
  const refs: FormulaReferences = { fields: new Set(), children: new Map() };
  const walk = (n: FormulaNode, child: string | null) => {
    switch (n.type) {
      case "field":
        if (child) refs.children.get(child)!.add(n.name);
        else refs.fields.add(n.name);
        break;
      case "unary":
        walk(n.arg, child);
        break;
      case "binary":
        walk(n.left, child);
        walk(n.right, child);
        break;
      case "call":
        for (const arg of n.args) walk(arg, child);
        break;
      case "rollup": {
        if (!refs.children.has(n.child)) refs.children.set(n.child, new Set());
        if (n.field) refs.children.get(n.child)!.add(n.field);
        if (n.where) walk(n.where, n.child);
        break;
      }
    }
  };
  walk(node, null);
  return refs;
}

export type FormulaCheck =
  | { ok: true; node: FormulaNode; references: FormulaReferences }
  | { ok: false; error: string; position: number };

/** Parses a formula and checks every field and child object it names exists. */
export function checkFormula(source: string, allowed: FormulaFields): FormulaCheck {
  let node: FormulaNode;
  try {
    node = parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, error: error.message, position: error.position };
    throw error;
  }
  const references = formulaReferences(node);
  for (const field of references.fields) {
    if (!allowed.fields.includes(field))
      return { ok: false, error: `there is no field "${field}"`, position: 0 };
  }
  for (const [child, fields] of references.children) {
    const childFields = allowed.children[child];
    if (!childFields)
      return { ok: false, error: `"${child}" are not child records of this object`, position: 0 };
    for (const field of fields) {
      if (!childFields.includes(field))
        return { ok: false, error: `${child} have no field "${field}"`, position: 0 };
    }
  }
  return { ok: true, node, references };
}
