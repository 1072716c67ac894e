"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import type { SalesSummary } from "@/server/services/sales/sales-summary";
import type { Formatters } from "./format";

type Period = SalesSummary["period"];

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

/** Last day of the bucket that starts on `start`. */
function bucketEnd(start: string, granularity: NonNullable<Period>["granularity"]): string {
  if (granularity === "day") return start;
  if (granularity === "week") return addDays(start, 6);
  const d = new Date(`${start}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/**
 * The tooltip's heading for one bucket. A week or month cut by the period's ends holds fewer days
 * than its neighbours, so its lower totals are labelled as partial rather than read as a drop.
 */
function bucketLabel(start: string, period: Period): string {
  if (!period || period.granularity === "day") return start;
  const end = bucketEnd(start, period.granularity);
  const name = period.granularity === "week" ? "Week" : "Month";
  const from = start < period.from ? period.from : start;
  const to = end > period.to ? period.to : end;
  const partial = from !== start || to !== end;
  return partial ? `${name} from ${start} (partial: ${from} → ${to})` : `${name} from ${start}`;
}

export function SalesChart({ series, period, fmt }: { series: SalesSummary["series"]; period: Period; fmt: Formatters }) {
  const hasPartial =
    period !== null && period.granularity !== "day" && series.some((s) => s.period < period.from || bucketEnd(s.period, period.granularity) > period.to);
  return (
    <div className="space-y-2">
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
            <YAxis tickFormatter={fmt.compactMoney} tick={{ fontSize: 12 }} width={80} />
            <Tooltip formatter={(v) => fmt.money(Number(v))} labelFormatter={(l) => bucketLabel(String(l), period)} />
            <Legend formatter={legendText} />
            <Area type="monotone" dataKey="revenue" name="Revenue" stroke="var(--color-brand)" fill="url(#revenueFill)" strokeWidth={2} isAnimationActive={false} />
            <Area type="monotone" dataKey="grossMargin" name="Gross margin" stroke="var(--color-brand-accent)" fill="none" strokeWidth={2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      {hasPartial ? (
        <p className="text-xs text-slate-500">{period?.granularity === "week" ? "Weeks" : "Months"} cut by the start or end of the period cover only some of their days, so their totals are lower (the tooltip says which).</p>
      ) : null}
    </div>
  );
}
