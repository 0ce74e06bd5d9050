import { fieldLabel, type ObjectMeta } from "../../meta.types.ts";
import { allFields, type ComputedDef } from "../grid-columns.ts";
import { Menu } from "./menu.tsx";

interface Props {
  object: ObjectMeta;
  columns: string[];
  computed: ComputedDef[];
  onChange: (columns: string[]) => void;
}

/** Which columns the grid shows, and in what order (the title column always comes first). */
export function ColumnChooser({ object, columns, computed, onChange }: Props) {
  const options = [
    ...allFields(object)
      .filter((f) => f.kind !== "json" && f.name !== object.titleField)
      .map((f) => ({ key: f.name, label: fieldLabel(f.name) })),
    ...computed.map((c) => ({ key: c.key, label: `ƒ ${c.label}` })),
  ];
  const shown = columns.filter((c) => c !== object.titleField && options.some((o) => o.key === c));
  const move = (key: string, by: number) => {
    const i = shown.indexOf(key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= shown.length) return;
    const next = [...shown];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  return (
    <Menu label={<>Columns ({shown.length + 1})</>}>
      {() => (
        <fieldset className="menu-panel column-chooser">
          <legend className="visually-hidden">Columns</legend>
          <p className="menu-hint">Shown columns, in order:</p>
          <ul>
            {shown.map((key) => {
              const label = options.find((o) => o.key === key)?.label ?? key;
              return (
                <li key={key}>
                  <label>
                    <input
                      type="checkbox"
                      checked
                      onChange={() => onChange(shown.filter((c) => c !== key))}
                    />
                    {label}
                  </label>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${label} left`}
                    onClick={() => move(key, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${label} right`}
                    onClick={() => move(key, 1)}
                  >
                    ↓
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="menu-hint">More:</p>
          <ul>
            {options
              .filter((o) => !shown.includes(o.key))
              .map((o) => (
                <li key={o.key}>
                  <label>
                    <input type="checkbox" checked={false} onChange={() => onChange([...shown, o.key])} />
                    {o.label}
                  </label>
                </li>
              ))}
          </ul>
        </fieldset>
      )}
    </Menu>
  );
}
