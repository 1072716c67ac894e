"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import type { BillingSummary } from "@/server/services/billing/billing-summary";

const COLOURS = ["var(--color-brand)", "var(--color-brand-accent)", "#475569", "#b45309", "#0f766e", "#7c3aed"];

/** Usage per day this month, one bar series per metric (tokens left out: their scale dwarfs the rest). */
export function UsageChart({ daily, labels }: { daily: BillingSummary["daily"]; labels: Record<string, string> }) {
  const metrics = [...new Set(daily.map((d) => d.metric))].filter((m) => m !== "assistant_tokens");
  if (!metrics.length) return <p className="text-sm text-slate-600">No metered use yet this month.</p>;
  const byDay = new Map<string, Record<string, number | string>>();
  for (const d of daily) if (d.metric !== "assistant_tokens") byDay.set(d.day, { ...(byDay.get(d.day) ?? { day: d.day }), [d.metric]: d.total });
  return (
    <div className="h-64" data-testid="usage-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...byDay.values()]} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
          <Tooltip />
          <Legend formatter={legendText} />
          {metrics.map((m, i) => (
            <Bar key={m} dataKey={m} name={labels[m] ?? m} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
