import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Accuracy, ReliabilityBin, SeriesForecast } from "./forecast.types.ts";
import { money, percent } from "./forecast-format.ts";

const BLUE = "#2f6fdb";
const ORANGE = "#e07b24";
const GREY = "#9aa4b2";

/** Predicted against observed win rate per probability bin; a calibrated model sits on the diagonal. */
export function ReliabilityChart({ bins }: { bins: ReliabilityBin[] }) {
  const data = bins
    .filter((b) => b.count > 0)
    .map((b) => ({
      bin: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`,
      predicted: b.predicted,
      observed: b.observed,
      count: b.count,
    }));
  return (
    <div className="forecast-chart" role="img" aria-label="Reliability: predicted against observed win rate">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bin" fontSize={11} />
          <YAxis domain={[0, 1]} tickFormatter={(v) => percent(v)} fontSize={11} width={44} />
          <Tooltip formatter={(v) => percent(typeof v === "number" ? v : null, 1)} />
          <Legend />
          <Bar dataKey="observed" name="Observed win rate" fill={BLUE} />
          <Line dataKey="predicted" name="Predicted" stroke={ORANGE} strokeWidth={2} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Each quarter's snapshotted forecast (headline) against the bookings actually won. */
export function AccuracyChart({ accuracy }: { accuracy: Accuracy }) {
  const method = accuracy.methods.headline ?? Object.values(accuracy.methods)[0];
  if (!method)
    return (
      <p className="muted">No snapshot has been scored yet: forecasts are scored once their quarter ends.</p>
    );
  const data = method.points.map((p) => ({ period: p.period, forecast: p.forecast, actual: p.actual }));
  return (
    <div className="forecast-chart" role="img" aria-label="Forecast against actual bookings per quarter">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" fontSize={11} />
          <YAxis tickFormatter={(v) => money(v, accuracy.currency)} fontSize={11} width={80} />
          <Tooltip formatter={(v) => money(typeof v === "number" ? v : null, accuracy.currency)} />
          <Legend />
          <Bar dataKey="actual" name="Actual bookings" fill={GREY} />
          <Line dataKey="forecast" name="Forecast" stroke={BLUE} strokeWidth={2} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** History and forecast of a monthly KPI with the prediction interval shaded. */
export function SeriesChart({ series }: { series: SeriesForecast }) {
  const data = [
    ...series.history.slice(-24).map((h) => ({ period: h.period, actual: h.value })),
    ...series.forecast.map((f) => ({
      period: f.period,
      forecast: f.value,
      band: [f.lower, f.upper] as [number, number],
    })),
  ];
  return (
    <div
      className="forecast-chart"
      role="img"
      aria-label={`${series.metric.toUpperCase()} history and forecast`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" fontSize={11} />
          <YAxis tickFormatter={(v) => money(v, series.currency)} fontSize={11} width={90} />
          <Tooltip
            formatter={(v) =>
              Array.isArray(v)
                ? v.map((x) => money(x, series.currency)).join(" – ")
                : money(typeof v === "number" ? v : null, series.currency)
            }
          />
          <Legend />
          <Area
            dataKey="band"
            name={`${series.level}% interval`}
            fill={BLUE}
            fillOpacity={0.15}
            stroke="none"
          />
          <Line dataKey="actual" name="Actual" stroke={GREY} strokeWidth={2} dot={false} />
          <Line
            dataKey="forecast"
            name="Forecast"
            stroke={BLUE}
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
