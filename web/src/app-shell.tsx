import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useMemo, useState } from "react";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import { api, isUnauthenticated } from "./api-client.ts";
import { ErrorNotice, Loading } from "./components/status.tsx";
import type { Me, ObjectMeta } from "./meta.types.ts";
import { ObjectNav } from "./object-nav.tsx";
import { ME_KEY, OBJECTS_KEY } from "./query-client.ts";
import { GlobalSearch } from "./search/global-search.tsx";
import { buildWorkspace, WorkspaceContext } from "./workspace-context.ts";

/** Top bar, navigation and the signed-in workspace every page below reads. */
export function AppShell() {
  const location = useLocation();
  const me = useQuery({ queryKey: ME_KEY, queryFn: () => api.get<Me>("/api/me"), staleTime: 60_000 });
  const objects = useQuery({
    queryKey: OBJECTS_KEY,
    queryFn: () => api.get<{ data: ObjectMeta[] }>("/api/meta/objects").then((r) => r.data),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: me.isSuccess,
  });
  const workspace = useMemo(
    () => (me.data && objects.data ? buildWorkspace(me.data, objects.data) : null),
    [me.data, objects.data],
  );
  // On a phone the navigation folds away behind a Menu button; opening a page folds it again.
  const [navOpen, setNavOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close on every navigation
  useEffect(() => setNavOpen(false), [location.pathname]);

  if (isUnauthenticated(me.error)) {
    const next =
      location.pathname === "/" ? "" : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  if (me.error || objects.error) return <ErrorNotice error={me.error ?? objects.error} />;
  if (!workspace) return <Loading label="Opening your workspace…" />;

  return (
    <WorkspaceContext.Provider value={workspace}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="shell">
        <TopBar me={workspace.me} navOpen={navOpen} onMenu={() => setNavOpen((open) => !open)} />
        <nav id="app-nav" className={navOpen ? "sidebar open" : "sidebar"} aria-label="Objects">
          <ObjectNav objects={workspace.objects} me={workspace.me} />
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </WorkspaceContext.Provider>
  );
}

function TopBar({ me, navOpen, onMenu }: { me: Me; navOpen: boolean; onMenu: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await api.post("/api/auth/logout");
    queryClient.clear();
    navigate("/sign-in");
  };
  const who = me.user?.name || me.user?.email || me.actor.type;
  return (
    <header className="topbar">
      <button
        type="button"
        className="button button-ghost menu-button"
        aria-expanded={navOpen}
        aria-controls="app-nav"
        onClick={onMenu}
      >
        Menu
      </button>
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          R
        </span>
        Revline
      </Link>
      <span className="workspace-name">{me.workspace.name}</span>
      <GlobalSearch />
      <span className="spacer" />
      <span className="user">
        <span className="user-name">{who}</span>
        <span className="role">{me.actor.role.replaceAll("_", " ")}</span>
      </span>
      <button type="button" className="button button-ghost" onClick={signOut}>
        Sign out
      </button>
    </header>
  );
}
