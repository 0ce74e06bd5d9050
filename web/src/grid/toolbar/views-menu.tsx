import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api-client.ts";
import type { ObjectMeta } from "../../meta.types.ts";
import type { ViewState } from "../use-view-state.ts";
import type { SavedView } from "../view-definition.ts";
import { Menu } from "./menu.tsx";

const SHARING = [
  { value: "private", label: "Only me" },
  { value: "team", label: "My team" },
  { value: "workspace", label: "Everyone" },
] as const;

const describe = (v: SavedView) =>
  v.visibility === "private"
    ? "only you"
    : v.visibility === "team"
      ? `team ${v.team_name ?? ""}`
      : "everyone";

/** Open, save, share and delete saved views of this object; a view's URL is `?view=ID`. */
export function ViewsMenu({
  object,
  state,
  canSave,
}: {
  object: ObjectMeta;
  state: ViewState;
  canSave: boolean;
}) {
  const queryClient = useQueryClient();
  const views = useQuery({
    queryKey: ["views", object.key],
    queryFn: () => api.get<{ data: SavedView[] }>(`/api/views?object=${object.key}`).then((r) => r.data),
  });
  const [name, setName] = useState("");
  const [sharing, setSharing] = useState<string>("private");
  const [message, setMessage] = useState<string | null>(null);
  const current = state.view;

  const remember = (view: SavedView) => {
    queryClient.setQueryData(["view", view.id], view);
    void queryClient.invalidateQueries({ queryKey: ["views", object.key] });
  };
  const failed = (error: unknown) =>
    setMessage(
      error instanceof ApiError
        ? error.body.code === "version_conflict"
          ? "Someone changed this view since you opened it. Reopen it, or save yours as a new view."
          : error.message
        : "Could not reach the server.",
    );

  const saveAs = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      const view = await api.post<SavedView>("/api/views", {
        object: object.key,
        name: name.trim(),
        visibility: sharing,
        definition: state.definition,
      });
      remember(view);
      setName("");
      setMessage(`Saved "${view.name}".`);
      state.open(view);
    } catch (error) {
      failed(error);
    }
  };
  const saveChanges = async () => {
    if (!current) return;
    try {
      const view = await api.patch<SavedView>(`/api/views/${current.id}`, {
        version: current.version,
        definition: state.definition,
      });
      remember(view);
      setMessage(`Saved changes to "${view.name}".`);
    } catch (error) {
      failed(error);
    }
  };
  const remove = async () => {
    if (!current || !window.confirm(`Delete the view "${current.name}"?`)) return;
    try {
      await api.delete(`/api/views/${current.id}`);
      void queryClient.invalidateQueries({ queryKey: ["views", object.key] });
      state.open(null);
    } catch (error) {
      failed(error);
    }
  };

  return (
    <Menu
      className="views-menu"
      label={
        <>
          View: {current ? current.name : `All ${object.label.toLowerCase()}`}
          {state.dirty && <span title="Unsaved changes"> •</span>}
        </>
      }
    >
      {() => (
        <div className="menu-panel">
          <ul className="view-list" aria-label="Saved views">
            <li>
              <button type="button" className="link-button" onClick={() => state.open(null)}>
                All {object.label.toLowerCase()}
              </button>
            </li>
            {(views.data ?? []).map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={v.id === current?.id || undefined}
                  onClick={() => state.open(v)}
                >
                  {v.name}
                </button>
                <span className="muted-text">
                  {describe(v)}
                  {v.owner_name ? ` · ${v.owner_name}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {current?.editable && (
            <div className="menu-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={!state.dirty}
                onClick={saveChanges}
              >
                Save changes to “{current.name}”
              </button>
              <button type="button" className="button button-danger" onClick={remove}>
                Delete view
              </button>
            </div>
          )}
          {canSave && (
            <form className="save-view-form" onSubmit={saveAs} aria-label="Save as a new view">
              <label>
                View name
                <input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  placeholder="Enterprise renewals"
                />
              </label>
              <span>
                <label htmlFor="view-sharing">Shared with</label>
                <select id="view-sharing" value={sharing} onChange={(e) => setSharing(e.target.value)}>
                  {SHARING.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </span>
              <button type="submit" className="button" disabled={!name.trim()}>
                Save as new view
              </button>
            </form>
          )}
          {message && (
            <p className="menu-hint" role="status">
              {message}
            </p>
          )}
        </div>
      )}
    </Menu>
  );
}
