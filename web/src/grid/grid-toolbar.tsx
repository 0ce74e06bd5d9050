import type { FormEvent, ReactNode } from "react";
import type { FormulaFields } from "../../../src/views/formula/index.ts";
import { fieldLabel, type ObjectMeta } from "../meta.types.ts";
import { allFields } from "./grid-columns.ts";
import { ColumnChooser } from "./toolbar/column-chooser.tsx";
import { ComputedEditor } from "./toolbar/computed-editor.tsx";
import { ViewsMenu } from "./toolbar/views-menu.tsx";
import type { ViewState } from "./use-view-state.ts";

const GROUPABLE = new Set(["enum", "text", "ref", "boolean", "currency", "date"]);

/** Search, saved views, columns, computed columns, grouping and sort of the grid. */
export function GridToolbar(props: {
  object: ObjectMeta;
  state: ViewState;
  scope: FormulaFields;
  canSaveViews: boolean;
  /** The filter builder, on the second row. */
  children: ReactNode;
}) {
  const { object, state, scope } = props;
  const fields = allFields(object);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    state.update((next) => (value ? next.set("q", value) : next.delete("q")));
  };
  const sortField = state.sort.replace(/^-/, "");
  return (
    <div className="grid-toolbar">
      <div className="grid-toolbar-row">
        <form className="search" onSubmit={search}>
          <label className="visually-hidden" htmlFor="grid-search">
            Search {object.label}
          </label>
          <input
            key={state.q}
            id="grid-search"
            name="q"
            type="search"
            defaultValue={state.q}
            placeholder={`Search ${object.searchFields.join(", ").replaceAll("_", " ")}`}
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        <ViewsMenu object={object} state={state} canSave={props.canSaveViews} />
        <ColumnChooser
          object={object}
          columns={state.columns}
          computed={state.computed}
          onChange={state.setColumns}
        />
        <ComputedEditor
          computed={state.computed}
          scope={scope}
          onChange={(computed, added, removed) =>
            state.setComputed(
              computed,
              added
                ? [added, ...state.columns]
                : removed
                  ? state.columns.filter((c) => c !== removed)
                  : state.columns,
            )
          }
        />
      </div>
      <div className="grid-toolbar-row">
        <span className="inline-field">
          <label htmlFor="grid-group-by">Group by</label>
          <select
            id="grid-group-by"
            value={state.group ?? ""}
            onChange={(e) =>
              state.update((next) =>
                e.target.value ? next.set("group", e.target.value) : next.delete("group"),
              )
            }
          >
            <option value="">None</option>
            {fields
              .filter((f) => GROUPABLE.has(f.kind) && f.name !== "id" && f.name !== "external_id")
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {fieldLabel(f.name)}
                </option>
              ))}
          </select>
        </span>
        <span className="inline-field">
          <label htmlFor="grid-sort">Sort</label>
          <select
            id="grid-sort"
            value={state.group ?? sortField}
            disabled={state.group !== null}
            onChange={(e) =>
              state.update((next) =>
                next.set("sort", `${state.sort.startsWith("-") ? "-" : ""}${e.target.value}`),
              )
            }
          >
            {fields
              .filter((f) => f.kind !== "json")
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {fieldLabel(f.name)}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="icon-button"
            aria-label={
              state.sort.startsWith("-")
                ? "Sorted descending; sort ascending"
                : "Sorted ascending; sort descending"
            }
            disabled={state.group !== null}
            onClick={() =>
              state.update((next) =>
                next.set("sort", state.sort.startsWith("-") ? sortField : `-${sortField}`),
              )
            }
          >
            {state.sort.startsWith("-") ? "↓" : "↑"}
          </button>
        </span>
        {props.children}
      </div>
    </div>
  );
}
