"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import type { ForecastVsActual } from "@/server/services/sales/forecast-vs-actual";
import type { StockSummary } from "@/server/services/inventory/stock-summary";
import { DataTable } from "./data-table";
import type { Formatters } from "./format";

/** Weekly units sold against the production forecast, with the P10–P90 band. */
export function ForecastChart({ data, fmt }: { data: ForecastVsActual; fmt: Formatters }) {
  const weeks = new Map<string, { week: string; actual?: number; forecast?: number; band?: [number, number] }>();
  for (const w of data.actualWeeks) weeks.set(w.week, { week: w.week, actual: w.actual });
  for (const w of data.forecastWeeks) weeks.set(w.week, { ...weeks.get(w.week), week: w.week, forecast: w.forecast, band: [w.p10, w.p90] });
  const rows = [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Units sold vs forecast, by week</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2">
        {data.model ? null : <p className="text-sm text-slate-600">No production model yet, so no forecast to compare with.</p>}
        <div className="h-72" data-testid="forecast-chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="week" tick={{ fontSize: 12 }} minTickGap={24} />
              <YAxis tickFormatter={fmt.count} tick={{ fontSize: 12 }} width={64} />
              <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => fmt.count(Number(x))).join(" – ") : fmt.count(Number(v)))} labelFormatter={(l) => `Week from ${String(l)}`} />
              <Legend formatter={legendText} />
              <Area dataKey="band" name="Forecast P10–P90" stroke="none" fill="var(--color-brand-accent)" fillOpacity={0.25} isAnimationActive={false} />
              <Line dataKey="forecast" name="Forecast" stroke="var(--color-brand-accent)" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line dataKey="actual" name="Units sold" stroke="var(--color-brand)" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <p className="text-xs text-slate-600">
          {data.model ? `Model v${data.model.version}, trained on sales to ${data.model.trainedTo}. ` : ""}
          The band adds up each item-day&apos;s P10 and P90, so it is wider than the true 80% interval of the total. The first week may be partial.
        </p>
      </CardContent>
    </Card>
  );
}

type Accuracy = ForecastVsActual["accuracy"][number];

/** WAPE and bias per week over realised forecasts; says so plainly when there are none. */
export function AccuracyTable({ data, fmt, stamp }: { data: ForecastVsActual; fmt: Formatters; stamp: string }) {
  const note =
    data.accuracy.length === 0 ? (
      <p className="mb-2 text-sm text-slate-600" data-testid="accuracy-none">
        No realised forecasts in this period: stored forecasts start after the data each model was trained on, and none of those days has sales yet. Accuracy appears here week by week as sales for forecast days arrive; the models&apos; backtest scores are on the Models page.
      </p>
    ) : (
      <p className="mb-2 text-xs text-slate-600">Days forecast after each model&apos;s training data ended that now have sales, each from the model trained most recently before it. Bias above 0: the forecast ran high.</p>
    );
  return (
    <DataTable<Accuracy>
      title="Forecast accuracy by week"
      csvName={`forecast-accuracy_${stamp}`}
      rows={data.accuracy}
      rowKey={(r) => r.week}
      note={note}
      columns={[
        { header: "Week", cell: (r) => r.week, csv: (r) => r.week },
        { header: "Units sold", numeric: true, cell: (r) => fmt.count(r.actual), csv: (r) => r.actual },
        { header: "Forecast", numeric: true, cell: (r) => fmt.count(r.forecast), csv: (r) => Math.round(r.forecast * 100) / 100 },
        { header: "WAPE", numeric: true, cell: (r) => (r.wape === null ? "—" : fmt.percent(r.wape)), csv: (r) => r.wape },
        { header: "Bias", numeric: true, cell: (r) => (r.bias === null ? "—" : fmt.signedPercent(r.bias)), csv: (r) => r.bias },
      ]}
    />
  );
}

/** Inventory value, days of cover and the stockout rate for the same filters. */
export function StockCard({ stock, fmt }: { stock: StockSummary; fmt: Formatters }) {
  const figures = [
    { label: "Inventory value", value: fmt.money(stock.inventoryValue), note: stock.countedOn ? `${fmt.count(stock.onHandUnits)} units at unit cost, counted by ${stock.countedOn}` : "No stock count yet" },
    { label: "Days of cover", value: stock.daysOfCover === null ? "—" : fmt.count(stock.daysOfCover), note: "On hand over the last 28 days' daily sales" },
    {
      label: "Stockout rate",
      value: stock.stockoutRate === null ? "—" : fmt.percent(stock.stockoutRate),
      note: `Stock counts in the period that found the shelf empty (${fmt.count(stock.stockCounts)} counts)`,
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Stock</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 sm:grid-cols-3">
          {figures.map((f) => (
            <div key={f.label}>
              <dt className="text-sm text-slate-600">{f.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{f.value}</dd>
              <dd className="text-xs text-slate-600">{f.note}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
