"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TooltipContentProps } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import type { PriceCurve } from "@/server/api/routers/pricing.types";

type Point = { price: number; profit: number; band: [number, number]; units: number; extrapolated: boolean };

const money = (v: number) => v.toFixed(2);

function PriceTooltip({ active, payload }: TooltipContentProps) {
  const p = payload?.[0]?.payload as Point | undefined;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-medium">Price {money(p.price)}{p.extrapolated ? " · outside the prices sold at (extrapolation)" : ""}</p>
      <p>
        Expected profit: <span className="tabular-nums font-medium">{money(p.profit)}</span> (P10–P90 {money(p.band[0])} – {money(p.band[1])})
      </p>
      <p className="text-slate-600">Expected units: {p.units.toFixed(1)}</p>
    </div>
  );
}

/** Profit over the horizon at each price, with the current and the recommended price marked. */
export function PriceChart({ curve, recommended }: { curve: PriceCurve; recommended: { price: number; profit: number } | null }) {
  const points: Point[] = curve.points.flatMap((p) => (p.profit ? [{ price: p.price, profit: p.profit.p50, band: [p.profit.p10, p.profit.p90] as [number, number], units: p.units.p50, extrapolated: p.extrapolated }] : []));
  const current = curve.points[10];
  return (
    <div className="h-80" data-testid="price-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="price" type="number" domain={["dataMin", "dataMax"]} tickFormatter={money} tick={{ fontSize: 12 }} label={{ value: "net price", position: "insideBottom", offset: -8, style: { fontSize: 12, fill: "#475569" } }} />
          <YAxis tick={{ fontSize: 12 }} width={64} tickFormatter={(v: number) => v.toFixed(0)} label={{ value: `profit / ${curve.horizonDays} days`, angle: -90, position: "insideLeft", style: { fontSize: 12, fill: "#475569" } }} />
          <Tooltip content={PriceTooltip} />
          <Legend formatter={legendText} verticalAlign="top" />
          <Area dataKey="band" name="Profit P10–P90" stroke="none" fill="var(--color-brand)" fillOpacity={0.18} isAnimationActive={false} />
          <Line dataKey="profit" name="Expected profit (P50)" stroke="var(--color-brand)" strokeWidth={2} dot={false} isAnimationActive={false} />
          {current?.profit ? <ReferenceDot x={current.price} y={current.profit.p50} r={6} fill="#334155" stroke="#fff" label={{ value: "current", position: "bottom", fontSize: 11, fill: "#334155" }} /> : null}
          {recommended ? <ReferenceDot x={recommended.price} y={recommended.profit} r={6} fill="#15803d" stroke="#fff" label={{ value: "recommended", position: "top", fontSize: 11, fill: "#15803d" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
