import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ApiError, api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";
import { colourOf } from "./chart-palette.ts";
import type { DashboardContext } from "./dashboard-page.tsx";
import { seriesParams } from "./dashboard-state.ts";
import type { MetricResult } from "./dashboard-types.ts";
import { formatMetric, periodLabel } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { NONE_GROUP, periodsOf } from "./series-shape.ts";
import { canReadMetric, useDashboardState } from "./use-dashboard-data.ts";

/**
 * One KPI split by a dimension in one period of the range (the latest with a value by
 * default): CAC by channel, spend by channel. A bar opens the records behind that group.
 */
export function BreakdownChart({
  metric,
  dimension,
  ctx,
  title,
}: {
  metric: string;
  dimension: string;
  ctx: DashboardContext;
  title: string;
}) {
  const { me } = useWorkspace();
  const { state, range } = useDashboardState();
  const def = ctx.defs.get(metric);
  const readable = def !== undefined && canReadMetric(me, def);
  const allowed = readable && def.dimensions.includes(dimension);
  const query = useQuery({
    queryKey: ["metrics", "series", metric, range, state.grain, dimension],
    queryFn: () =>
      api.get<MetricResult>(listUrl(`metrics/${metric}`, seriesParams(range, state.grain, dimension))),
    enabled: allowed,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const points = query.data?.series ?? [];
  const periods = periodsOf(points);
  const withValues = periods.filter((p) => points.some((x) => x.period === p && x.value !== null));
  const period =
    chosen && periods.includes(chosen)
      ? chosen
      : (withValues[withValues.length - 1] ?? periods[periods.length - 1]);
  const bars = points
    .filter((p) => p.period === period && p.value !== null)
    .map((p) => ({
      group: p.group ?? NONE_GROUP,
      label: p.group === null || p.group === undefined ? "(none)" : (p.label ?? enumLabel(p.group)),
      value: p.value as number,
    }))
    .sort((a, b) => b.value - a.value);
  const unit = def?.unit ?? "money";
  const drill = (group: string) => ctx.drill({ key: metric, period, by: dimension, group });
  return (
    <section className="card chart-card" aria-label={title}>
      <header className="chart-header">
        <MetricHeading def={def}>{title}</MetricHeading>
        {periods.length > 0 && (
          <label className="inline-control">
            Period
            <select value={period} onChange={(e) => setChosen(e.target.value)}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {!readable && <ErrorNotice error={new ApiError(403, { code: "forbidden", message: "forbidden" })} />}
      {query.isError && <ErrorNotice error={query.error} />}
      {allowed && query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
      {query.isSuccess && bars.length === 0 && (
        <p className="empty-state small">
          No value for any {enumLabel(dimension).toLowerCase()} in this period.
        </p>
      )}
      {bars.length > 0 && (
        <>
          <div className="chart" style={{ height: Math.max(120, bars.length * 28 + 30) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={bars} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#eef0f3" horizontal={false} />
                <XAxis
                  type="number"
                  fontSize={11}
                  tickFormatter={(v: number) => formatMetric(v, unit, ctx.currency, { compact: true })}
                />
                <YAxis type="category" dataKey="label" width={110} fontSize={11} tickLine={false} />
                <Tooltip
                  cursor={{ fill: "rgba(47, 91, 211, 0.06)" }}
                  formatter={(v) => [formatMetric(Number(v), unit, ctx.currency), def?.name ?? metric]}
                  wrapperStyle={{ fontSize: 12 }}
                />
                <Bar
                  dataKey="value"
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(d) => drill((d as unknown as { payload: { group: string } }).payload.group)}
                >
                  {bars.map((b, i) => (
                    <Cell key={b.group} fill={colourOf(i)} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ul className="waterfall-steps">
            {bars.map((b) => (
              <li key={b.group}>
                <button type="button" className="link-button" onClick={() => drill(b.group)}>
                  {b.label}: {formatMetric(b.value, unit, ctx.currency)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
