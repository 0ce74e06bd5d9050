import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { listPath, recordPath } from "../urls.ts";
import { colourOf } from "./chart-palette.ts";
import type { DashboardContext } from "./dashboard-page.tsx";
import type { Attribution, AttributionRow } from "./dashboard-types.ts";
import { formatMetric } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { useDashboardState } from "./use-dashboard-data.ts";

export const MODELS = [
  { key: "first_touch", label: "First touch" },
  { key: "last_touch", label: "Last touch" },
  { key: "linear", label: "Linear" },
  { key: "u_shaped", label: "U-shaped" },
  { key: "w_shaped", label: "W-shaped" },
  { key: "time_decay", label: "Time decay" },
] as const;

const ATTRIBUTION_DEF = {
  name: "Attribution",
  definition:
    "Pipeline (deals opened in the range) or revenue (deals won in it) credited to the campaigns that touched the deal's account or contact before it, split between the touches by the chosen model.",
  formula: "credit of a campaign = Σ over deals of deal amount × weight of its touches under the model",
};

const groupKey = (r: AttributionRow) => r.group ?? "(none)";

/** Pipeline or revenue by campaign or channel under the model the person picks, beside every other model. */
export function AttributionPanel({ ctx }: { ctx: DashboardContext }) {
  const { range } = useDashboardState();
  const [model, setModel] = useState<string>("first_touch");
  const [basis, setBasis] = useState<"pipeline" | "revenue">("pipeline");
  const [by, setBy] = useState<"campaign" | "channel">("channel");
  const query = useQuery({
    queryKey: ["metrics", "attribution", range, basis, by],
    queryFn: () =>
      api.get<Attribution>(listUrl("metrics/attribution", { ...range, basis, by, model: "all" })),
  });
  const data = query.data;
  const chosen = data?.results.find((r) => r.model === model);
  const rows = (chosen?.rows ?? []).slice(0, 10);
  const shares = new Map(
    (data?.results ?? []).map((r) => [r.model, new Map(r.rows.map((row) => [groupKey(row), row.share]))]),
  );
  const bars = rows.map((r) => ({
    ...r,
    name: r.label ? (by === "channel" ? enumLabel(r.label) : r.label) : "(none)",
  }));
  const href = (r: AttributionRow) =>
    r.group === null
      ? null
      : by === "campaign"
        ? recordPath("campaigns", r.group)
        : listPath("campaigns", { channel: r.group });
  const money = (v: number | null) => formatMetric(v, "money", ctx.currency);
  return (
    <section className="card chart-card" aria-label="Attribution">
      <header className="chart-header">
        <MetricHeading def={ATTRIBUTION_DEF} />
        <fieldset className="segmented">
          <legend className="visually-hidden">What is credited</legend>
          {(["pipeline", "revenue"] as const).map((b) => (
            <button key={b} type="button" aria-pressed={basis === b} onClick={() => setBasis(b)}>
              {enumLabel(b)}
            </button>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend className="visually-hidden">Credit per</legend>
          {(["channel", "campaign"] as const).map((b) => (
            <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)}>
              By {b}
            </button>
          ))}
        </fieldset>
      </header>
      <fieldset className="segmented">
        <legend className="visually-hidden">Attribution model</legend>
        {MODELS.map((m) => (
          <button key={m.key} type="button" aria-pressed={model === m.key} onClick={() => setModel(m.key)}>
            {m.label}
          </button>
        ))}
      </fieldset>
      {chosen && <p className="chart-summary">{chosen.description}</p>}
      {query.isError && <ErrorNotice error={query.error} />}
      {query.isPending && <div className="skeleton skeleton-chart tall" aria-busy="true" />}
      {data && (
        <p className="chart-summary">
          {data.opportunities} deals worth {money(data.value)}
          {data.unattributed_opportunities > 0 &&
            `, ${data.unattributed_opportunities} with no touch to credit`}
        </p>
      )}
      {data && rows.length === 0 && (
        <p className="empty-state small">No deal in this range had a touch to credit.</p>
      )}
      {rows.length > 0 && (
        <>
          <div className="chart" style={{ height: Math.max(140, bars.length * 28 + 30) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={bars} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#eef0f3" horizontal={false} />
                <XAxis
                  type="number"
                  fontSize={11}
                  tickFormatter={(v: number) => formatMetric(v, "money", ctx.currency, { compact: true })}
                />
                <YAxis type="category" dataKey="name" width={130} fontSize={11} tickLine={false} />
                <Tooltip
                  cursor={{ fill: "rgba(47, 91, 211, 0.06)" }}
                  formatter={(v) => [money(Number(v)), `Credited ${basis}`]}
                  wrapperStyle={{ fontSize: 12 }}
                />
                <Bar dataKey="value" isAnimationActive={false}>
                  {bars.map((b, i) => (
                    <Cell key={groupKey(b)} fill={colourOf(i)} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Share of credit per model</caption>
              <thead>
                <tr>
                  <th scope="col">{enumLabel(by)}</th>
                  <th scope="col" className="num">
                    Credited
                  </th>
                  {MODELS.map((m) => (
                    <th key={m.key} scope="col" className={m.key === model ? "num chosen" : "num"}>
                      {m.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {bars.map((r) => {
                  const link = href(r);
                  return (
                    <tr key={groupKey(r)}>
                      <th scope="row">{link ? <Link to={link}>{r.name}</Link> : r.name}</th>
                      <td className="num">{money(r.value)}</td>
                      {MODELS.map((m) => (
                        <td key={m.key} className={m.key === model ? "num chosen" : "num"}>
                          {formatMetric(shares.get(m.key)?.get(groupKey(r)) ?? null, "rate", ctx.currency)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
