import { NavLink } from "react-router-dom";
import { AREAS, type Me, type ObjectMeta } from "./meta.types.ts";
import { listPath } from "./urls.ts";
import { canRead } from "./workspace-context.ts";

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
      </ul>
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
