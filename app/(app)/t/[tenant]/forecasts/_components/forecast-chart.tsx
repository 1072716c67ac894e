"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import type { TooltipContentProps } from "recharts";
import type { PointSource, SeriesForecast } from "./series-types";

type Point = { t: number; actual?: number; promo?: boolean; point?: number; p50?: number; band?: [number, number] };

const DAY_MS = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const units = (v: number) => v.toFixed(1);

/** History and forecast on one time axis; the forecast owns the days after the origin. */
function toPoints(history: SeriesForecast["history"], forecast: SeriesForecast["forecast"]): Point[] {
  const points = new Map<number, Point>();
  for (const h of history) points.set(toTime(h.date), { t: toTime(h.date), actual: h.units, promo: h.promo });
  for (const f of forecast) {
    const t = toTime(f.date);
    points.set(t, { ...points.get(t), t, point: f.point, p50: f.p50, band: [f.p10, f.p90] });
  }
  return [...points.values()].sort((a, b) => a.t - b.t);
}

/** About eight ticks on whole days, whatever the span. */
function dayTicks(first: number, last: number): number[] {
  const step = Math.max(1, Math.ceil((last - first) / DAY_MS / 8)) * DAY_MS;
  const ticks: number[] = [];
  for (let t = first; t <= last; t += step) ticks.push(t);
  return ticks;
}

/** Legend and tooltip names: the mean is the point forecast; a version without one shows its median instead, and says so. */
function pointName(source: PointSource): string {
  return source === "mean" ? "Mean — point forecast" : "P50 — point forecast (this version has no mean)";
}

function ForecastTooltip({ active, payload, source }: TooltipContentProps & { source: PointSource }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-medium">{longDate.format(point.t)}</p>
      {point.actual !== undefined ? (
        <p>
          Actual: <span className="tabular-nums font-medium">{point.actual}</span> units{point.promo ? " · on promotion" : ""}
        </p>
      ) : null}
      {point.point !== undefined && point.p50 !== undefined && point.band ? (
        <>
          <p>
            {pointName(source)}: <span className="tabular-nums font-medium">{units(point.point)}</span>
          </p>
          {source === "mean" ? (
            <p className="text-slate-500">
              P50 (median): <span className="tabular-nums">{units(point.p50)}</span>
            </p>
          ) : null}
          <p className="text-slate-500">
            P10–P90 band: <span className="tabular-nums">{units(point.band[0])} – {units(point.band[1])}</span>
          </p>
        </>
      ) : null}
    </div>
  );
}

export function ForecastChart({ history, forecast, source, origin }: { history: SeriesForecast["history"]; forecast: SeriesForecast["forecast"]; source: PointSource; origin: string | null }) {
  const points = toPoints(history, forecast);
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? 0;
  return (
    <div className="h-80" data-testid="forecast-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} ticks={dayTicks(first, last)} tickFormatter={(t: number) => shortDate.format(t)} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={48} allowDecimals={false} label={{ value: "units / day", angle: -90, position: "insideLeft", style: { fontSize: 12, fill: "#64748b" } }} />
          <Tooltip content={(props: TooltipContentProps) => <ForecastTooltip {...props} source={source} />} />
          <Legend formatter={legendText} />
          {forecast.length > 0 ? <Area dataKey="band" name="P10–P90 band" stroke="none" fill="var(--color-brand)" fillOpacity={0.18} isAnimationActive={false} /> : null}
          <Line dataKey="actual" name="Actual units" stroke="#334155" strokeWidth={1.5} dot={false} isAnimationActive={false} />
          {forecast.length > 0 ? <Line dataKey="point" name={pointName(source)} stroke="var(--color-brand)" strokeWidth={2} dot={false} isAnimationActive={false} /> : null}
          {forecast.length > 0 && source === "mean" ? <Line dataKey="p50" name="P50 (median)" stroke="#475569" strokeWidth={1} strokeDasharray="4 3" dot={false} isAnimationActive={false} /> : null}
          {origin ? <ReferenceLine x={toTime(origin)} stroke="#94a3b8" strokeDasharray="4 4" label={{ value: "forecast origin", position: "insideTopRight", fontSize: 11, fill: "#64748b" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
