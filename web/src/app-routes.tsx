import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router-dom";
import { AppShell } from "./app-shell.tsx";
import { Loading } from "./components/status.tsx";

// One chunk per page, so the first load carries only the shell.
const SignInPage = lazy(() => import("./pages/sign-in.page.tsx").then((m) => ({ default: m.SignInPage })));
const HomePage = lazy(() => import("./pages/home.page.tsx").then((m) => ({ default: m.HomePage })));
const ListPage = lazy(() => import("./pages/list.page.tsx").then((m) => ({ default: m.ListPage })));
const RecordPage = lazy(() => import("./pages/record.page.tsx").then((m) => ({ default: m.RecordPage })));
const NotFoundPage = lazy(() =>
  import("./pages/not-found.page.tsx").then((m) => ({ default: m.NotFoundPage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/sign-in"
        element={
          <Suspense fallback={<Loading />}>
            <SignInPage />
          </Suspense>
        }
      />
      <Route element={<AppShell />}>
        <Route index element={<HomePage />} />
        <Route path="o/:path" element={<ListPage />} />
        <Route path="o/:path/:id" element={<RecordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
