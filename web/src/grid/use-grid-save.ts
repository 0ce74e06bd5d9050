import { type Dispatch, useState } from "react";
import { ApiError, type ApiRecord, api } from "../api-client.ts";
import type { CellProblem, EditAction, EditState, UndoStep } from "./grid-edits.ts";

interface Change {
  id: string;
  version: number;
  fields: Record<string, unknown>;
}

interface Stale {
  id: string;
  current: ApiRecord;
}

export interface SaveStatus {
  busy: boolean;
  /** What the last save did, or why it did nothing. */
  message: { tone: "ok" | "error" | "warning"; text: string } | null;
}

const strip = (field: string | undefined, message: string) =>
  field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;

/**
 * Saving the grid: one PATCH for one row, `PATCH /api/<object>/bulk` for many (all or nothing).
 * Refused values come back on their cells; rows someone else saved first become conflicts.
 */
export function useGridSave(
  path: string,
  edits: EditState,
  dispatch: Dispatch<EditAction>,
  loaded: (id: string) => ApiRecord | undefined,
) {
  const [status, setStatus] = useState<SaveStatus>({ busy: false, message: null });
  // Rows edited and then filtered out of view still save: their stored version is kept.
  const base = (id: string) => edits.saved[id] ?? edits.bases[id] ?? loaded(id);

  const send = async (changes: Change[]): Promise<ApiRecord[]> => {
    if (changes.length === 1) {
      const [c] = changes;
      return [await api.patch<ApiRecord>(`/api/${path}/${c.id}`, { ...c.fields, version: c.version })];
    }
    return (await api.patch<{ data: ApiRecord[] }>(`/api/${path}/bulk`, { changes })).data;
  };

  const refused = (error: unknown, changes: Change[]) => {
    if (!(error instanceof ApiError)) {
      setStatus({
        busy: false,
        message: { tone: "error", text: "Could not reach the server; nothing was saved. Try again." },
      });
      return;
    }
    if (error.body.code === "version_conflict") {
      const stale = (error.body as { stale?: Stale[] }).stale;
      const rows = stale ? stale.map((s) => s.current) : error.body.current ? [error.body.current] : [];
      dispatch({ type: "conflicts", rows });
      const n = rows.length;
      setStatus({
        busy: false,
        message: {
          tone: "warning",
          text: `Someone else saved ${n === 1 ? "a row" : `${n} rows`} first; nothing was saved. Keep your values or take theirs on the marked rows, then save again.`,
        },
      });
      return;
    }
    const problems: CellProblem[] = [];
    for (const d of error.body.details ?? [{ field: error.body.field, message: error.message }]) {
      const change = changes[(d as { row?: number }).row ?? 0];
      if (change && d.field && d.field in change.fields)
        problems.push({ id: change.id, field: d.field, message: strip(d.field, d.message) });
    }
    dispatch({ type: "invalid", cells: problems });
    setStatus({ busy: false, message: { tone: "error", text: `Nothing was saved: ${error.message}` } });
  };

  const save = async () => {
    const changes: Change[] = Object.entries(edits.pending)
      .filter(([id]) => !edits.conflicts[id] && base(id))
      .map(([id, fields]) => ({ id, version: base(id)!.version ?? 1, fields }));
    if (changes.length === 0) return;
    const before = Object.fromEntries(
      changes.map((c) => [
        c.id,
        Object.fromEntries(Object.keys(c.fields).map((f) => [f, base(c.id)![f] ?? null])),
      ]),
    );
    setStatus({ busy: true, message: null });
    try {
      const rows = await send(changes);
      const sent = Object.fromEntries(changes.map((c) => [c.id, c.fields]));
      dispatch({ type: "saved", rows, sent, before, undoable: true });
      const n = rows.length;
      setStatus({ busy: false, message: { tone: "ok", text: `Saved ${n} ${n === 1 ? "row" : "rows"}.` } });
    } catch (error) {
      refused(error, changes);
    }
  };

  /** Puts back the values a save replaced (a new save, checked against the versions it made). */
  const undoSave = async (step: Extract<UndoStep, { kind: "save" }>) => {
    const changes = step.rows
      .filter((r) => base(r.id))
      .map((r) => ({ id: r.id, version: base(r.id)!.version ?? 1, fields: r.before }));
    setStatus({ busy: true, message: null });
    try {
      const rows = await send(changes);
      const sent = Object.fromEntries(changes.map((c) => [c.id, c.fields]));
      const before = Object.fromEntries(step.rows.map((r) => [r.id, r.after]));
      dispatch({ type: "dropUndo" });
      dispatch({ type: "saved", rows, sent, before, undoable: false });
      setStatus({ busy: false, message: { tone: "ok", text: "Undid the last save." } });
    } catch (error) {
      refused(error, changes);
    }
  };

  return { status, save, undoSave, clearMessage: () => setStatus((s) => ({ ...s, message: null })) };
}
