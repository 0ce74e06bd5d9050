import { enumLabel } from "../meta.types.ts";
import { DASHBOARD_GRAINS, type DashboardGrain } from "./dashboard-state.ts";
import { useDashboardState } from "./use-dashboard-data.ts";

/** Period range, grain and slicing of a dashboard; every change goes to the URL. */
export function DashboardControls({ dimensions }: { dimensions: string[] }) {
  const { state, range, update } = useDashboardState();
  return (
    <form
      className="dashboard-controls"
      aria-label="Dashboard period and slicing"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        From
        <input
          type="month"
          value={state.from ?? range.from.slice(0, 7)}
          max={range.to.slice(0, 7)}
          onChange={(e) => update({ from: e.target.value || null })}
        />
      </label>
      <label>
        To
        <input
          type="month"
          value={state.to ?? range.to.slice(0, 7)}
          onChange={(e) => update({ to: e.target.value || null })}
        />
      </label>
      <label>
        Grain
        <select value={state.grain} onChange={(e) => update({ grain: e.target.value as DashboardGrain })}>
          {DASHBOARD_GRAINS.map((g) => (
            <option key={g} value={g}>
              {enumLabel(g)}
            </option>
          ))}
        </select>
      </label>
      {dimensions.length > 0 && (
        <label>
          Slice by
          <select value={state.by ?? ""} onChange={(e) => update({ by: e.target.value || null })}>
            <option value="">Nothing</option>
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {enumLabel(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      {(state.from || state.to || state.grain !== "month" || state.by) && (
        <button
          type="button"
          className="button button-ghost"
          onClick={() => update({ from: null, to: null, grain: "month", by: null })}
        >
          Reset
        </button>
      )}
    </form>
  );
}
