/**
 * The formula language of computed columns. Pure (no I/O, no Node APIs): the server checks
 * formulas saved with a view, the web app evaluates them per row.
 */
export {
  checkFormula,
  type FormulaFields,
  type FormulaReferences,
  formulaReferences,
} from "./formula-check.ts";
export {
  evaluateFormula,
  type FormulaRow,
  type FormulaScope,
  type FormulaValue,
} from "./formula-evaluator.ts";
export {
  FormulaError,
  type FormulaNode,
  FUNCTIONS,
  MAX_FORMULA_LENGTH,
  parseFormula,
  ROLLUP_FNS,
} from "./formula-parser.ts";
