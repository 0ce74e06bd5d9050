import { NavLink } from "react-router-dom";
import { AREAS, type Me, type ObjectMeta } from "./meta.types.ts";
import { canRead } from "./workspace-context.ts";

/** Objects grouped by business area, only those the role may read. */
export function ObjectNav({ objects, me }: { objects: ObjectMeta[]; me: Me }) {
  return (
    <>
      <NavLink to="/" end className="nav-link nav-home">
        Overview
      </NavLink>
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
                  <NavLink to={`/o/${o.path}`} className="nav-link">
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
