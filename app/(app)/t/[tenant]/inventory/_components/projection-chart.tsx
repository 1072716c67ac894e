"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";

export type ProjectionDay = { date: string; demandP10: number; demandP50: number; demandP90: number; expectedOnHand: number; reorderPoint: number };

const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const label = (iso: string) => shortDate.format(Date.parse(`${iso}T00:00:00Z`));

/** Expected stock on hand over 28 days against the daily demand band and the reorder point. */
export function ProjectionChart({ days }: { days: ProjectionDay[] }) {
  const points = days.map((d) => ({ ...d, band: [d.demandP10, d.demandP90] as [number, number] }));
  const reorderPoint = days[0]?.reorderPoint;
  return (
    <div className="h-80" data-testid="projection-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tickFormatter={label} tick={{ fontSize: 12 }} interval={3} />
          <YAxis tick={{ fontSize: 12 }} width={56} allowDecimals={false} label={{ value: "units", angle: -90, position: "insideLeft", style: { fontSize: 12, fill: "#64748b" } }} />
          <Tooltip labelFormatter={(v) => label(String(v))} formatter={(value) => (Array.isArray(value) ? value.join(" – ") : String(value))} />
          <Legend formatter={legendText} />
          <Area dataKey="band" name="Daily demand P10–P90" stroke="none" fill="var(--color-brand)" fillOpacity={0.18} isAnimationActive={false} />
          <Line dataKey="demandP50" name="Daily demand P50" stroke="var(--color-brand)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
          <Line dataKey="expectedOnHand" name="Expected on hand" stroke="#334155" strokeWidth={2} dot={false} isAnimationActive={false} />
          {reorderPoint !== undefined ? <ReferenceLine y={reorderPoint} stroke="#b91c1c" strokeDasharray="4 4" label={{ value: `reorder point ${reorderPoint}`, position: "insideTopRight", fontSize: 11, fill: "#7f1d1d" }} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
