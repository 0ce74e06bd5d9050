import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import { ApiError, api, listUrl } from "../api-client.ts";
import type { Me } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";
import {
  type DashboardState,
  type DateRange,
  dashboardParams,
  parseDashboardState,
  resolveRange,
  seriesParams,
  todayIn,
} from "./dashboard-state.ts";
import type { MetricDef, MetricResult, Registry } from "./dashboard-types.ts";

/** The KPI registry: every definition and formula, loaded once per session. */
export function useRegistry() {
  return useQuery({
    queryKey: ["metrics", "registry"],
    queryFn: () => api.get<Registry>("/api/metrics"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The dashboard's controls, read from and written to the URL. */
export function useDashboardState() {
  const [params, setParams] = useSearchParams();
  const { me } = useWorkspace();
  const state = useMemo(() => parseDashboardState(params), [params]);
  const range: DateRange = useMemo(
    () => resolveRange(state, todayIn(me.workspace.timezone)),
    [state, me.workspace.timezone],
  );
  // From the URL as it is now, not as this render saw it: two quick changes (a slice, then a
  // grain) before React renders again must both land.
  const update = (change: Partial<DashboardState>) => {
    const current = parseDashboardState(new URLSearchParams(window.location.search));
    setParams(dashboardParams({ ...current, ...change }), { replace: !("drill" in change) });
  };
  return { state, range, update };
}

export const canReadMetric = (me: Me, def: MetricDef): boolean => me.permissions[def.resource] !== undefined;

export interface SeriesEntry {
  def: MetricDef | undefined;
  result: MetricResult | undefined;
  /** The same KPI per group of the `by` dimension, when it can be sliced by it. */
  sliced: MetricResult | undefined;
  loading: boolean;
  /** The per-group series is on its way. */
  slicing: boolean;
  error: unknown;
}

/**
 * Series of several KPIs over the dashboard's range, one batch request per group of keys, all
 * in flight at once; with `by`, the KPIs that can be sliced by it are also asked per group, in
 * a request of their own beside the others.
 * KPIs the role may not read are not asked for: they answer a 403 of their own.
 */
export function useMetricSeries(groups: string[][], defs: Map<string, MetricDef>, me: Me) {
  const { state, range } = useDashboardState();
  const readable = groups.map((keys) =>
    keys.filter((k) => {
      const def = defs.get(k);
      return def !== undefined && canReadMetric(me, def);
    }),
  );
  const requests: Array<{ keys: string[]; by: string | null }> = readable
    .filter((keys) => keys.length > 0)
    .map((keys) => ({ keys, by: null }));
  if (state.by) {
    const by = state.by;
    for (const keys of readable) {
      const sliceable = keys.filter((k) => defs.get(k)?.dimensions.includes(by));
      if (sliceable.length > 0) requests.push({ keys: sliceable, by });
    }
  }
  const results = useQueries({
    queries: requests.map((r) => ({
      queryKey: ["metrics", "batch", r.keys, range, state.grain, r.by],
      queryFn: () =>
        api
          .get<{ data: MetricResult[] }>(
            listUrl("metrics/batch", { keys: r.keys.join(","), ...seriesParams(range, state.grain, r.by) }),
          )
          .then((res) => res.data),
      enabled: defs.size > 0,
    })),
  });
  const entries = new Map<string, SeriesEntry>();
  for (const key of groups.flat()) {
    const def = defs.get(key);
    const denied = def !== undefined && !canReadMetric(me, def);
    entries.set(key, {
      def,
      result: undefined,
      sliced: undefined,
      loading: !denied,
      slicing: false,
      error: denied ? new ApiError(403, { code: "forbidden", message: "forbidden" }) : null,
    });
  }
  requests.forEach((r, i) => {
    const q = results[i];
    for (const key of r.keys) {
      const entry = entries.get(key)!;
      const found = q.data?.find((m) => m.metric.key === key);
      if (r.by) {
        entry.sliced = found;
        entry.slicing = q.isPending;
      } else {
        entry.result = found;
        entry.loading = q.isPending;
      }
      if (q.error && !entry.error) entry.error = q.error;
    }
  });
  return entries;
}

/** Registry entries by key. */
export function useDefinitions() {
  const registry = useRegistry();
  const defs = useMemo(
    () => new Map((registry.data?.data ?? []).map((d) => [d.key, d] as const)),
    [registry.data],
  );
  return { registry, defs };
}
