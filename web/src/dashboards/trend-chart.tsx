import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { colourOf } from "./chart-palette.ts";
import type { SeriesPoint, Unit } from "./dashboard-types.ts";
import { formatMetric, periodLabel } from "./metric-format.ts";
import { type GroupInfo, pivotByGroup } from "./series-shape.ts";

interface TrendProps {
  points: SeriesPoint[];
  unit: Unit;
  currency: string;
  /** A line per group instead of one line (a sliced series). */
  groups?: GroupInfo[];
  height?: number;
  /** Axes and grid (a large chart) or none (a sparkline in a tile). */
  axes?: boolean;
  /** Opens the records behind a period's value (every group's, when sliced). */
  onPick?: (period: string) => void;
  label: string;
}

/** A KPI over the periods of the range, with its target dashed when it has one. */
export function TrendChart({
  points,
  unit,
  currency,
  groups,
  height = 64,
  axes = false,
  onPick,
  label,
}: TrendProps) {
  const sliced = groups !== undefined && groups.length > 0;
  const data = sliced
    ? pivotByGroup(points, groups)
    : points.map((p) => ({ period: p.period, value: p.value, target: p.target ?? null }));
  const hasTarget = !sliced && points.some((p) => p.target !== null && p.target !== undefined);
  const format = (v: unknown) => formatMetric(typeof v === "number" ? v : null, unit, currency);
  const lines = sliced
    ? groups.map((g, i) => ({ key: `g${i}`, name: g.label, colour: colourOf(i) }))
    : [{ key: "value", name: "Value", colour: colourOf(0) }];
  return (
    <div className="trend" role="img" aria-label={label} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={axes ? { top: 8, right: 12, bottom: 0, left: 4 } : { top: 4, right: 4, bottom: 4, left: 4 }}
          onClick={(state) => {
            if (onPick && state?.activeLabel !== undefined) onPick(String(state.activeLabel));
          }}
          style={onPick ? { cursor: "pointer" } : undefined}
        >
          {axes && <CartesianGrid stroke="#eef0f3" vertical={false} />}
          <XAxis dataKey="period" hide={!axes} tickFormatter={periodLabel} fontSize={11} tickLine={false} />
          <YAxis
            hide={!axes}
            width={64}
            fontSize={11}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => formatMetric(v, unit, currency, { compact: true })}
          />
          <Tooltip
            formatter={(v) => format(v)}
            labelFormatter={(l) => periodLabel(String(l))}
            wrapperStyle={{ fontSize: 12, zIndex: 5 }}
          />
          {hasTarget && (
            <Line
              type="monotone"
              dataKey="target"
              name="Target"
              stroke="#8a93a3"
              strokeDasharray="4 3"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          )}
          {lines.map((l) => (
            <Line
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.name}
              stroke={l.colour}
              strokeWidth={2}
              dot={axes ? { r: 2 } : false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {axes && unit === "rate" && <ReferenceLine y={0} stroke="#c5ccd6" />}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
