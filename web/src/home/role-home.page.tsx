import { useTitle } from "../use-title.ts";
import { canRead, useWorkspace } from "../workspace-context.ts";
import { LinksSection, ListSection, TotalsSection } from "./home-sections.tsx";
import { fillParams, roleHome } from "./role-homes.ts";
import "./home.css";

/** `/`: the page each role starts from, with what that role works on (role-homes.ts). */
export function RoleHomePage() {
  const { me, byKey } = useWorkspace();
  const home = roleHome(me.actor.role);
  useTitle("Home");
  const name = me.user?.name?.split(" ")[0];
  return (
    <div className="page home-page">
      <header className="page-header">
        <div>
          <h1>{name ? `${home.title} · ${name}` : home.title}</h1>
          <p className="muted">{home.intro}</p>
        </div>
      </header>
      <div className="home-grid">
        {home.sections.map((section) => {
          if (section.kind === "links")
            return <LinksSection key={section.title} title={section.title} links={section.links} />;
          const object = byKey.get(section.object);
          const params = fillParams(section.params, me.user?.id ?? null);
          if (!object || !canRead(me, object) || params === null) return null;
          return section.kind === "list" ? (
            <ListSection
              key={section.title}
              title={section.title}
              object={object}
              params={params}
              columns={section.columns}
            />
          ) : (
            <TotalsSection
              key={section.title}
              title={section.title}
              object={object}
              groupBy={section.groupBy}
              sum={section.sum}
              params={params}
            />
          );
        })}
      </div>
    </div>
  );
}
