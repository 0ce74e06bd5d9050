import type { ReactNode } from "react";
import { NavLink } from "react-router-dom";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { useTitle } from "../use-title.ts";
import { useWorkspace } from "../workspace-context.ts";
import { DashboardControls } from "./dashboard-controls.tsx";
import type { DrillTarget } from "./dashboard-state.ts";
import type { MetricDef } from "./dashboard-types.ts";
import { DrillPanel } from "./drill-panel.tsx";
import { useDashboardState, useDefinitions } from "./use-dashboard-data.ts";
import "./dashboards.css";

export const DASHBOARDS = [
  { path: "executive", label: "Executive" },
  { path: "marketing", label: "Marketing" },
  { path: "sales", label: "Sales" },
  { path: "success", label: "Customer success" },
] as const;

export interface DashboardContext {
  defs: Map<string, MetricDef>;
  currency: string;
  drill: (target: DrillTarget) => void;
}

/**
 * The frame of every dashboard: title, tabs between dashboards, the controls (with the
 * dimensions its KPIs can be sliced by) and the drill-down panel of the value last clicked.
 */
export function DashboardPage({
  title,
  intro,
  keys,
  children,
}: {
  title: string;
  intro: string;
  /** The KPIs on the dashboard: the slicing choices are the dimensions any of them supports. */
  keys: string[];
  children: (ctx: DashboardContext) => ReactNode;
}) {
  useTitle(`${title} dashboard`);
  const { me } = useWorkspace();
  const { registry, defs } = useDefinitions();
  const { state, update } = useDashboardState();
  const dimensions = [...new Set(keys.flatMap((k) => defs.get(k)?.dimensions ?? []))];
  const drill = (target: DrillTarget) => update({ drill: target });
  return (
    <div className={state.drill ? "page dashboard with-drill" : "page dashboard"}>
      <header className="page-header">
        <div>
          <h1>{title} dashboard</h1>
          <p className="muted">{intro}</p>
        </div>
      </header>
      <nav className="dashboard-tabs" aria-label="Dashboards">
        {DASHBOARDS.map((d) => (
          <NavLink key={d.path} to={`/dashboards/${d.path}`} className="dashboard-tab">
            {d.label}
          </NavLink>
        ))}
      </nav>
      <DashboardControls dimensions={dimensions} />
      {registry.isError && <ErrorNotice error={registry.error} />}
      {registry.isPending && <Loading label="Loading the KPI registry…" />}
      {registry.data &&
        children({ defs, currency: registry.data.currency ?? me.workspace.reporting_currency, drill })}
      {state.drill && (
        <DrillPanel target={state.drill} grain={state.grain} onClose={() => update({ drill: null })} />
      )}
    </div>
  );
}
