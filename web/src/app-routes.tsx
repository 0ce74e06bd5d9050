import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation, useParams } from "react-router-dom";
import { AppShell } from "./app-shell.tsx";
import { Loading } from "./components/status.tsx";

// One chunk per page, so the first load carries only the shell.
const SignInPage = lazy(() => import("./pages/sign-in.page.tsx").then((m) => ({ default: m.SignInPage })));
const RoleHomePage = lazy(() =>
  import("./home/role-home.page.tsx").then((m) => ({ default: m.RoleHomePage })),
);
const OverviewPage = lazy(() => import("./pages/home.page.tsx").then((m) => ({ default: m.HomePage })));
const GridPage = lazy(() => import("./grid/grid.page.tsx").then((m) => ({ default: m.GridPage })));
const RecordPage = lazy(() => import("./pages/record.page.tsx").then((m) => ({ default: m.RecordPage })));
const Account360Page = lazy(() =>
  import("./account360/account-360.page.tsx").then((m) => ({ default: m.Account360Page })),
);
const PipelinePage = lazy(() =>
  import("./pipeline/pipeline.page.tsx").then((m) => ({ default: m.PipelinePage })),
);
const ExecutiveDashboard = lazy(() =>
  import("./dashboards/executive.page.tsx").then((m) => ({ default: m.ExecutivePage })),
);
const MarketingDashboard = lazy(() =>
  import("./dashboards/marketing.page.tsx").then((m) => ({ default: m.MarketingPage })),
);
const SalesDashboard = lazy(() =>
  import("./dashboards/sales.page.tsx").then((m) => ({ default: m.SalesPage })),
);
const SuccessDashboard = lazy(() =>
  import("./dashboards/success.page.tsx").then((m) => ({ default: m.SuccessPage })),
);
const ImportsPage = lazy(() =>
  import("./imports/imports.page.tsx").then((m) => ({ default: m.ImportsPage })),
);
const QualityPage = lazy(() =>
  import("./quality/quality.page.tsx").then((m) => ({ default: m.QualityPage })),
);
const DuplicatesPage = lazy(() =>
  import("./duplicates/duplicates.page.tsx").then((m) => ({ default: m.DuplicatesPage })),
);
const ForecastPage = lazy(() =>
  import("./forecast/forecast.page.tsx").then((m) => ({ default: m.ForecastPage })),
);
const NotFoundPage = lazy(() =>
  import("./pages/not-found.page.tsx").then((m) => ({ default: m.NotFoundPage })),
);

/** `/o/<path>…` was the first version's URL of every list and record: keep old links working. */
function LegacyRedirect() {
  const { path = "", id } = useParams();
  const { search } = useLocation();
  return <Navigate to={`/${path}${id ? `/${id}` : ""}${search}`} replace />;
}

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
        <Route index element={<RoleHomePage />} />
        <Route path="overview" element={<OverviewPage />} />
        <Route path="pipeline" element={<PipelinePage />} />
        <Route path="quality" element={<QualityPage />} />
        <Route path="duplicates" element={<DuplicatesPage />} />
        <Route path="forecast" element={<ForecastPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="imports/:id" element={<ImportsPage />} />
        <Route path="dashboards" element={<Navigate to="/dashboards/executive" replace />} />
        <Route path="dashboards/executive" element={<ExecutiveDashboard />} />
        <Route path="dashboards/marketing" element={<MarketingDashboard />} />
        <Route path="dashboards/sales" element={<SalesDashboard />} />
        <Route path="dashboards/success" element={<SuccessDashboard />} />
        <Route path="o/:path" element={<LegacyRedirect />} />
        <Route path="o/:path/:id" element={<LegacyRedirect />} />
        <Route path="accounts/:id" element={<Account360Page />} />
        <Route path="accounts/:id/details" element={<RecordPage path="accounts" />} />
        <Route path=":path" element={<GridPage />} />
        <Route path=":path/:id" element={<RecordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
