import type { ApiRecord } from "../api-client.ts";

/**
 * The grid's unsaved work, as a pure reducer: values typed but not saved (highlighted), cells
 * refused (with the reason), rows someone else saved first (conflicts, never overwritten
 * without the person choosing), rows as last saved, and the undo history — per edit (a typed
 * cell, a pasted block, a bulk edit) and per save.
 */
export interface EditState {
  pending: Record<string, Record<string, unknown>>;
  errors: Record<string, string>;
  conflicts: Record<string, ApiRecord>;
  saved: Record<string, ApiRecord>;
  /** Each edited row as stored when first edited: the version a save is checked against. */
  bases: Record<string, ApiRecord>;
  undo: UndoStep[];
}

export type UndoStep =
  | { kind: "edit"; cells: Array<{ id: string; field: string; had: boolean; before: unknown }> }
  | {
      kind: "save";
      rows: Array<{ id: string; before: Record<string, unknown>; after: Record<string, unknown> }>;
    };

export interface CellProblem {
  id: string;
  field: string;
  message: string;
}

export type EditAction =
  /** `row` is the row as stored (not with pending values): typing its stored value back undoes the change. */
  | { type: "edit"; cells: Array<{ row: ApiRecord; field: string; value: unknown }> }
  | { type: "invalid"; cells: CellProblem[] }
  | { type: "revertCell"; id: string; field: string }
  | { type: "undoEdit" }
  | {
      type: "saved";
      rows: ApiRecord[];
      /** The values sent, and the values they replaced, per row. */
      sent: Record<string, Record<string, unknown>>;
      before: Record<string, Record<string, unknown>>;
      undoable: boolean;
    }
  | { type: "dropUndo" }
  | { type: "conflicts"; rows: ApiRecord[] }
  | { type: "resolve"; id: string; keepMine: boolean }
  | { type: "discard" };

export const MAX_UNDO = 100;
export const emptyEdits = (): EditState => ({
  pending: {},
  errors: {},
  conflicts: {},
  saved: {},
  bases: {},
  undo: [],
});
export const cellKey = (id: string, field: string) => `${id}|${field}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function setPending(
  pending: EditState["pending"],
  id: string,
  field: string,
  value: unknown,
  stored: unknown,
): EditState["pending"] {
  const row = { ...(pending[id] ?? {}) };
  if (same(value, stored)) delete row[field];
  else row[field] = value;
  const next = { ...pending };
  if (Object.keys(row).length === 0) delete next[id];
  else next[id] = row;
  return next;
}

function withoutErrors(errors: EditState["errors"], keys: string[]): EditState["errors"] {
  if (!keys.some((k) => k in errors)) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

function pushUndo(undo: UndoStep[], step: UndoStep): UndoStep[] {
  return [...undo, step].slice(-MAX_UNDO);
}

export function editReducer(state: EditState, action: EditAction): EditState {
  switch (action.type) {
    case "edit": {
      let pending = state.pending;
      const bases = { ...state.bases };
      const cells: Extract<UndoStep, { kind: "edit" }>["cells"] = [];
      for (const { row, field, value } of action.cells) {
        bases[row.id] ??= row;
        const had = field in (pending[row.id] ?? {});
        cells.push({ id: row.id, field, had, before: pending[row.id]?.[field] });
        pending = setPending(pending, row.id, field, value, row[field]);
      }
      if (cells.length === 0) return state;
      return {
        ...state,
        pending,
        bases,
        errors: withoutErrors(
          state.errors,
          cells.map((c) => cellKey(c.id, c.field)),
        ),
        undo: pushUndo(state.undo, { kind: "edit", cells }),
      };
    }
    case "invalid": {
      const errors = { ...state.errors };
      for (const c of action.cells) errors[cellKey(c.id, c.field)] = c.message;
      return { ...state, errors };
    }
    case "revertCell": {
      const row = state.pending[action.id];
      if (!row || !(action.field in row)) return state;
      const { [action.field]: _, ...rest } = row;
      const pending = { ...state.pending };
      if (Object.keys(rest).length === 0) delete pending[action.id];
      else pending[action.id] = rest;
      return { ...state, pending, errors: withoutErrors(state.errors, [cellKey(action.id, action.field)]) };
    }
    case "undoEdit": {
      const step = state.undo.at(-1);
      if (step?.kind !== "edit") return state;
      const pending = { ...state.pending };
      for (const c of [...step.cells].reverse()) {
        const row = { ...(pending[c.id] ?? {}) };
        if (c.had) row[c.field] = c.before;
        else delete row[c.field];
        if (Object.keys(row).length === 0) delete pending[c.id];
        else pending[c.id] = row;
      }
      return {
        ...state,
        pending,
        errors: withoutErrors(
          state.errors,
          step.cells.map((c) => cellKey(c.id, c.field)),
        ),
        undo: state.undo.slice(0, -1),
      };
    }
    case "saved": {
      const saved = { ...state.saved };
      const bases = { ...state.bases };
      const conflicts = { ...state.conflicts };
      let pending = state.pending;
      const rows: Extract<UndoStep, { kind: "save" }>["rows"] = [];
      for (const row of action.rows) {
        const sent = action.sent[row.id] ?? {};
        rows.push({ id: row.id, before: action.before[row.id] ?? {}, after: sent });
        saved[row.id] = row;
        delete bases[row.id];
        delete conflicts[row.id];
        // A value typed again while the save was on its way stays pending.
        for (const [field, value] of Object.entries(sent)) {
          if (same(pending[row.id]?.[field], value))
            pending = setPending(pending, row.id, field, row[field], row[field]);
        }
      }
      const errorKeys = action.rows.flatMap((r) =>
        Object.keys(action.sent[r.id] ?? {}).map((f) => cellKey(r.id, f)),
      );
      return {
        ...state,
        saved,
        bases,
        conflicts,
        pending,
        errors: withoutErrors(state.errors, errorKeys),
        // The edits a save sent are history now: undo goes back save by save from here.
        undo: action.undoable
          ? pushUndo(
              state.undo.filter((step) => step.kind === "save"),
              { kind: "save", rows },
            )
          : state.undo,
      };
    }
    case "dropUndo":
      return { ...state, undo: state.undo.slice(0, -1) };
    case "conflicts": {
      const conflicts = { ...state.conflicts };
      for (const row of action.rows) conflicts[row.id] = row;
      return { ...state, conflicts };
    }
    case "resolve": {
      const current = state.conflicts[action.id];
      if (!current) return state;
      const { [action.id]: _, ...conflicts } = state.conflicts;
      const pending = { ...state.pending };
      // Taking theirs drops my values; keeping mine re-bases them on the version now stored.
      if (!action.keepMine) delete pending[action.id];
      const { [action.id]: _base, ...bases } = state.bases;
      return { ...state, conflicts, pending, bases, saved: { ...state.saved, [action.id]: current } };
    }
    case "discard":
      return { ...state, pending: {}, errors: {}, conflicts: {}, bases: {} };
  }
}

/** The row as the grid shows it: as last saved, with the values not saved yet on top. */
export function shownRow(state: EditState, row: ApiRecord): ApiRecord {
  const base = state.saved[row.id] ?? row;
  const pending = state.pending[row.id];
  return pending ? { ...base, ...pending } : base;
}

export const pendingCount = (state: EditState): number =>
  Object.values(state.pending).reduce((n, fields) => n + Object.keys(fields).length, 0);
