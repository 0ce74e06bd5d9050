import { NavLink } from "react-router-dom";
import { AREAS, type Me, type ObjectMeta } from "./meta.types.ts";
import { listPath } from "./urls.ts";
import { canRead } from "./workspace-context.ts";

const DASHBOARD_LINKS = [
  { path: "executive", label: "Executive" },
  { path: "marketing", label: "Marketing" },
  { path: "sales", label: "Sales" },
  { path: "success", label: "Customer success" },
];

/** Home, the pipeline board and the overview, then objects grouped by business area (those the role may read). */
export function ObjectNav({ objects, me }: { objects: ObjectMeta[]; me: Me }) {
  const pipeline = objects.find((o) => o.key === "opportunities");
  return (
    <>
      <ul className="nav-main">
        <li>
          <NavLink to="/" end className="nav-link nav-home">
            Home
          </NavLink>
        </li>
        {pipeline && canRead(me, pipeline) && (
          <li>
            <NavLink to="/pipeline" className="nav-link nav-home">
              Pipeline board
            </NavLink>
          </li>
        )}
        <li>
          <NavLink to="/overview" className="nav-link nav-home">
            Overview
          </NavLink>
        </li>
        {me.permissions.planning !== undefined && me.permissions.pipeline !== undefined && (
          <li>
            <NavLink to="/forecast" className="nav-link nav-home">
              Forecast
            </NavLink>
          </li>
        )}
        {me.permissions.crm !== undefined && (
          <li>
            <NavLink to="/quality" className="nav-link nav-home">
              Data quality
            </NavLink>
          </li>
        )}
        {me.permissions.crm !== undefined && (
          <li>
            <NavLink to="/duplicates" className="nav-link nav-home">
              Duplicates
            </NavLink>
          </li>
        )}
        {Object.values(me.permissions).includes("write") && (
          <li>
            <NavLink to="/imports" className="nav-link nav-home">
              Import data
            </NavLink>
          </li>
        )}
      </ul>
      <section className="nav-group" aria-labelledby="nav-dashboards">
        <h2 id="nav-dashboards" className="nav-heading">
          Dashboards
        </h2>
        <ul>
          {DASHBOARD_LINKS.map((d) => (
            <li key={d.path}>
              <NavLink to={`/dashboards/${d.path}`} className="nav-link">
                {d.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </section>
      {AREAS.map((area) => {
        const items = objects.filter((o) => o.area === area.key && canRead(me, o));
        if (items.length === 0) return null;
        return (
          <section key={area.key} className="nav-group" aria-labelledby={`nav-${area.key}`}>
            <h2 id={`nav-${area.key}`} className="nav-heading">
              {area.label}
            </h2>
            <ul>
              {items.map((o) => (
                <li key={o.key}>
                  <NavLink to={listPath(o.path)} className="nav-link">
                    {o.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
