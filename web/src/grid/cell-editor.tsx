import { type KeyboardEvent, useRef } from "react";
import { enumLabel, type FieldMeta } from "../meta.types.ts";

export type EditorExit = "down" | "up" | "right" | "left" | "stay" | "cancel";

interface Props {
  field: FieldMeta;
  initial: string;
  /** Select the text (F2/Enter on a value) or put the caret after a first typed character. */
  selectAll: boolean;
  label: string;
  onDone: (text: string, exit: EditorExit) => void;
}

/** The input inside a cell while it is edited: Enter/Tab keep the value and move on, Esc drops it. */
export function CellEditor({ field, initial, selectAll, label, onDone }: Props) {
  const done = useRef(false);
  const finish = (text: string, exit: EditorExit) => {
    if (done.current) return;
    done.current = true;
    onDone(text, exit);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    if (event.key === "Enter") {
      event.preventDefault();
      finish(text, event.shiftKey ? "up" : "down");
    } else if (event.key === "Tab") {
      event.preventDefault();
      finish(text, event.shiftKey ? "left" : "right");
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(text, "cancel");
    }
    event.stopPropagation();
  };
  const options = field.kind === "enum" ? field.values : field.kind === "boolean" ? ["yes", "no"] : undefined;
  const listId = options ? `cell-options-${field.name}` : undefined;
  return (
    <>
      <input
        className="cell-editor"
        aria-label={label}
        defaultValue={initial}
        list={listId}
        // biome-ignore lint/a11y/noAutofocus: the editor opens because the person asked to edit this cell
        autoFocus
        onFocus={(e) => {
          const input = e.currentTarget;
          if (selectAll) input.select();
          else input.setSelectionRange(input.value.length, input.value.length);
        }}
        onKeyDown={onKeyDown}
        onBlur={(e) => finish(e.currentTarget.value, "stay")}
      />
      {options && (
        <datalist id={listId}>
          {options.map((v) => (
            <option key={v} value={field.kind === "enum" ? enumLabel(v) : v} />
          ))}
        </datalist>
      )}
    </>
  );
}
