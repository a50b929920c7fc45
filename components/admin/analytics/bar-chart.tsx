"use client";
// A bar chart of one dashboard figure (recharts). It is a picture for sighted users: the figure's table
// beside it is the accessible version, so the drawing is hidden from assistive technology and takes no
// keyboard focus. Each bar carries its value as a label, the same text the table shows.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/format";

export type ChartUnit = { kind: "count" } | { kind: "percent" } | { kind: "money"; currency: string };
export type ChartSeries = { key: string; label: string; color: string };
export type ChartDatum = Record<string, string | number>;

export function formatValue(value: number, unit: ChartUnit): string {
  if (unit.kind === "money") return formatMoney(value, unit.currency);
  if (unit.kind === "percent") return `${Math.round(value * 1000) / 10}%`;
  return value.toLocaleString("en-GB");
}

export function AnalyticsBarChart({ data, categoryKey, series, unit, horizontal = false, label }: {
  data: ChartDatum[];
  categoryKey: string;
  series: ChartSeries[];
  unit: ChartUnit;
  /** Bars running left to right, categories down the side: for long category names. */
  horizontal?: boolean;
  /** Names the chart for tests and for the figure caption it sits under. */
  label: string;
}) {
  const format = (v: unknown) => formatValue(Number(v), unit);
  const height = horizontal ? Math.max(160, data.length * series.length * 28 + 60) : 280;
  return (
    <div aria-hidden="true" data-chart={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} accessibilityLayer={false}
          margin={{ top: 20, right: 48, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d6d3d1" />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={format} stroke="#44403c" domain={unit.kind === "percent" ? [0, 1] : undefined} />
              <YAxis type="category" dataKey={categoryKey} width={180} stroke="#44403c" tick={{ fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis dataKey={categoryKey} stroke="#44403c" tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={format} stroke="#44403c" width={90} domain={unit.kind === "percent" ? [0, 1] : undefined} />
            </>
          )}
          <Tooltip formatter={format} />
          {series.length > 1 && <Legend />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false}>
              <LabelList dataKey={s.key} position={horizontal ? "right" : "top"} formatter={format} fill="#1c1917" fontSize={12} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
