import type { ApiRecord } from "../../api-client.ts";
import { fieldLabel } from "../../meta.types.ts";
import type { GridColumn } from "../grid-columns.ts";
import type { EditState } from "../grid-edits.ts";
import { pendingCount } from "../grid-edits.ts";
import type { SaveStatus } from "../use-grid-save.ts";

interface Props {
  edits: EditState;
  columns: GridColumn[];
  status: SaveStatus;
  titleOf: (id: string) => string;
  display: (field: string, row: ApiRecord, value: unknown) => string;
  onSave: () => void;
  onUndo: () => void;
  onDiscard: () => void;
  onResolve: (id: string, keepMine: boolean) => void;
}

/** Unsaved changes, refused cells, conflicts and the outcome of the last save, with their actions. */
export function SaveBar({
  edits,
  columns,
  status,
  titleOf,
  display,
  onSave,
  onUndo,
  onDiscard,
  onResolve,
}: Props) {
  const pending = pendingCount(edits);
  const errors = Object.entries(edits.errors);
  const conflicts = Object.values(edits.conflicts);
  const canUndo = edits.undo.length > 0;
  if (pending === 0 && errors.length === 0 && conflicts.length === 0 && !status.message && !canUndo)
    return null;
  const label = (field: string) => columns.find((c) => c.key === field)?.label ?? fieldLabel(field);
  return (
    <section className="save-bar" aria-label="Unsaved changes">
      <div className="save-bar-main">
        <span className={pending > 0 ? "pending-count" : "muted-text"}>
          {pending === 0
            ? "No unsaved changes"
            : `${pending} unsaved ${pending === 1 ? "change" : "changes"}`}
        </span>
        <button
          type="button"
          className="button button-primary"
          disabled={pending === 0 || status.busy}
          onClick={onSave}
        >
          {status.busy ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="button"
          disabled={!canUndo || status.busy}
          onClick={onUndo}
          title="Ctrl+Z"
        >
          Undo {edits.undo.at(-1)?.kind === "save" ? "save" : "edit"}
        </button>
        <button
          type="button"
          className="button"
          disabled={pending === 0 && errors.length === 0}
          onClick={onDiscard}
        >
          Discard
        </button>
        {status.message && (
          <span
            className={`save-message ${status.message.tone}`}
            role={status.message.tone === "ok" ? "status" : "alert"}
          >
            {status.message.text}
          </span>
        )}
      </div>
      {errors.length > 0 && (
        <ul className="save-problems" aria-label="Refused values">
          {errors.slice(0, 6).map(([key, message]) => {
            const [id, field] = key.split("|");
            return (
              <li key={key}>
                <strong>{titleOf(id)}</strong> · {label(field)}: {message}
              </li>
            );
          })}
          {errors.length > 6 && <li>and {errors.length - 6} more</li>}
        </ul>
      )}
      {conflicts.map((current) => {
        const mine = edits.pending[current.id] ?? {};
        return (
          <div key={current.id} className="conflict-row" role="alert">
            <span>
              <strong>{titleOf(current.id)}</strong> was saved by someone else (now version {current.version}
              ):{" "}
              {Object.keys(mine)
                .map(
                  (f) =>
                    `${label(f)} is now ${display(f, current, current[f]) || "empty"}, yours ${display(f, current, mine[f]) || "empty"}`,
                )
                .join("; ") || "their changes are now shown"}
            </span>
            <button type="button" className="button" onClick={() => onResolve(current.id, true)}>
              Keep mine
            </button>
            <button type="button" className="button" onClick={() => onResolve(current.id, false)}>
              Take theirs
            </button>
          </div>
        );
      })}
    </section>
  );
}
