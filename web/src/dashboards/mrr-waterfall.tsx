import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ErrorNotice } from "../components/status.tsx";
import { WATERFALL_KEYS } from "./dashboard-keys.ts";
import type { DrillTarget } from "./dashboard-state.ts";
import type { MetricDef } from "./dashboard-types.ts";
import { formatMetric, periodLabel } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import type { SeriesEntry } from "./use-dashboard-data.ts";
import { netNew, type WaterfallStep, waterfallDomain, waterfallSteps } from "./waterfall.ts";

const COLOURS: Record<WaterfallStep["kind"], string> = {
  total: "#2f5bd3",
  increase: "#2e9e6a",
  decrease: "#c2413a",
};

const WATERFALL_DEF: Pick<MetricDef, "name" | "definition" | "formula"> = {
  name: "MRR movements",
  definition:
    "How MRR moved from the start to the end of the period: what new customers, upgrades and returning customers added, and what downgrades and churned customers took away (plus currency revaluation).",
  formula: "ending MRR = starting MRR + new + expansion + reactivation − contraction − churn ± FX adjustment",
};

/** The MRR waterfall of one period of the range (the last by default); each bar drills to its accounts. */
export function MrrWaterfall({
  entries,
  currency,
  onDrill,
}: {
  entries: Map<string, SeriesEntry>;
  currency: string;
  onDrill: (target: DrillTarget) => void;
}) {
  const mrr = entries.get("mrr");
  const periods = mrr?.result?.series.map((p) => p.period) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen && periods.includes(chosen) ? chosen : periods[periods.length - 1];
  const error = WATERFALL_KEYS.map((k) => entries.get(k)?.error).find(Boolean);
  const loading = WATERFALL_KEYS.some((k) => entries.get(k)?.loading);
  const amountOf = (key: string) =>
    entries.get(key)?.result?.series.find((p) => p.period === period)?.value ?? 0;
  const index = periods.indexOf(period);
  const current = mrr?.result?.series[index];
  const steps =
    current && !loading
      ? waterfallSteps({
          start: current.previous ?? 0,
          end: current.value ?? 0,
          new: amountOf("new_mrr"),
          expansion: amountOf("expansion_mrr"),
          reactivation: amountOf("reactivation_mrr"),
          contraction: amountOf("contraction_mrr"),
          churn: amountOf("churned_mrr"),
          fx: amountOf("fx_adjustment_mrr"),
        })
      : [];
  const drillStep = (step: WaterfallStep) => {
    if (step.key === "start") {
      if (index > 0) onDrill({ key: "mrr", period: periods[index - 1], by: null, group: null });
    } else onDrill({ key: step.metric, period, by: null, group: null });
  };
  const fx = steps.find((s) => s.key === "fx");
  const money = (v: number) => formatMetric(v, "money", currency, { compact: true });
  /** Totals as they are; a movement without its sign, which its label carries. */
  const shown = (s: WaterfallStep) => (s.kind === "total" ? s.amount : Math.abs(s.amount));
  return (
    <section className="card chart-card waterfall-card" aria-label="MRR movements">
      <header className="chart-header">
        <MetricHeading def={WATERFALL_DEF} />
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
      {error ? (
        <ErrorNotice error={error} />
      ) : steps.length === 0 ? (
        <div className="skeleton skeleton-chart tall" aria-busy="true" />
      ) : (
        <>
          <p className="chart-summary">
            {periodLabel(period)}: net new MRR{" "}
            <strong data-testid="net-new-mrr">{formatMetric(netNew(steps), "money", currency)}</strong>
            {fx !== undefined && fx.amount !== 0 && (
              <> · FX revaluation {formatMetric(fx.amount, "money", currency)}</>
            )}
          </p>
          <div className="chart" style={{ height: 280 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={steps} margin={{ top: 20, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#eef0f3" vertical={false} />
                <XAxis
                  dataKey="label"
                  fontSize={11}
                  tickLine={false}
                  interval={0}
                  angle={-25}
                  textAnchor="end"
                  height={56}
                />
                <YAxis
                  fontSize={11}
                  width={64}
                  tickLine={false}
                  axisLine={false}
                  tickFormatter={(v: number) => money(v)}
                  domain={waterfallDomain(steps)}
                  allowDataOverflow
                />
                <Tooltip
                  cursor={{ fill: "rgba(47, 91, 211, 0.06)" }}
                  formatter={(_v, _n, item) => [
                    formatMetric(shown(item.payload as WaterfallStep), "money", currency),
                    (item.payload as WaterfallStep).label,
                  ]}
                  labelFormatter={() => `${periodLabel(period)} · click to see the accounts`}
                  wrapperStyle={{ fontSize: 12 }}
                />
                <Bar
                  dataKey="range"
                  minPointSize={2}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(data) => drillStep((data as unknown as { payload: WaterfallStep }).payload)}
                >
                  {steps.map((s) => (
                    <Cell key={s.key} fill={COLOURS[s.kind]} />
                  ))}
                  <LabelList
                    valueAccessor={(entry: { payload: WaterfallStep }) => shown(entry.payload)}
                    position="top"
                    fontSize={11}
                    formatter={(v) => (typeof v === "number" ? money(v) : "")}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ul className="waterfall-steps visually-hidden-small">
            {steps.map((s) => (
              <li key={s.key}>
                <button type="button" className="link-button" onClick={() => drillStep(s)}>
                  {s.label}: {formatMetric(shown(s), "money", currency)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
