"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SalesSummary } from "@/server/services/sales/sales-summary";
import type { Formatters } from "./format";

export function SalesChart({ series, fmt }: { series: SalesSummary["series"]; fmt: Formatters }) {
  return (
    <div className="h-80" data-testid="sales-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <defs>
            <linearGradient id="revenueFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--color-brand)" stopOpacity={0.35} />
              <stop offset="100%" stopColor="var(--color-brand)" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="period" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis tickFormatter={fmt.compactMoney} tick={{ fontSize: 12 }} width={72} />
          <Tooltip formatter={(v) => fmt.money(Number(v))} labelFormatter={(l) => `Period from ${String(l)}`} />
          <Legend />
          <Area type="monotone" dataKey="revenue" name="Revenue" stroke="var(--color-brand)" fill="url(#revenueFill)" strokeWidth={2} isAnimationActive={false} />
          <Area type="monotone" dataKey="grossMargin" name="Gross margin" stroke="var(--color-brand-accent)" fill="none" strokeWidth={2} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
