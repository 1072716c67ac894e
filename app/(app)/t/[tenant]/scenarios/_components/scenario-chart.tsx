"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import type { ScenarioResult } from "@/server/api/routers/scenarios.types";

/** Units per day summed over the scenario's series: baseline and scenario means with their P10–P90 bands. */
export function ScenarioChart({ days }: { days: ScenarioResult["days"] }) {
  const data = days.map((d) => ({ date: d.date, baseline: d.baseline.mean, scenario: d.scenario.mean, baselineBand: [d.baseline.p10, d.baseline.p90], scenarioBand: [d.scenario.p10, d.scenario.p90] }));
  return (
    <div className="h-72" data-testid="scenario-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={(v: number) => v.toFixed(0)} label={{ value: "units / day", angle: -90, position: "insideLeft", style: { fontSize: 12, fill: "#475569" } }} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => Number(x).toFixed(1)).join(" – ") : Number(v).toFixed(1))} />
          <Legend formatter={legendText} verticalAlign="top" />
          <Area dataKey="baselineBand" name="Baseline P10–P90" stroke="none" fill="#64748b" fillOpacity={0.15} isAnimationActive={false} />
          <Area dataKey="scenarioBand" name="Scenario P10–P90" stroke="none" fill="var(--color-brand)" fillOpacity={0.18} isAnimationActive={false} />
          <Line dataKey="baseline" name="Baseline (mean)" stroke="#334155" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="scenario" name="Scenario (mean)" stroke="var(--color-brand)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
