"use client";

import { ForecastChart } from "../../forecasts/_components/forecast-chart";

type Band = { date: string; point: number; p10: number; p50: number; p90: number };
type InventoryLine = { storeName: string; itemName: string; onHand: number; daysOfCover: number | null; stockoutProbability: number; orderQuantity: number; orderDate: string | null };
type WaterfallStep = { label: string; value: number; kind: string };

/** Tool results drawn inline: the forecast with its band, inventory lines as a table, explanations as a waterfall. */
export function ToolResult({ tool, output }: { tool: string; output: unknown }) {
  const o = (output ?? {}) as Record<string, unknown>;
  if (typeof o.error === "string") return <p className="text-sm text-red-700">{o.error}</p>;
  if (tool === "forecastDemand" && Array.isArray(o.daily) && o.daily.length > 0) {
    const source = o.pointSource === "p50" ? "p50" : "mean";
    return <ForecastChart history={[]} forecast={(o.daily as Band[]).map((d) => ({ ...d, mean: source === "mean" ? d.point : null }))} source={source} origin={null} />;
  }
  if (tool === "recommendInventory" && Array.isArray(o.lines)) {
    const lines = o.lines as InventoryLine[];
    return (
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Inventory recommendations">
        <table className="w-full text-xs">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="py-1 pr-2">Store</th>
              <th className="py-1 pr-2">Item</th>
              <th className="py-1 pr-2 text-right">On hand</th>
              <th className="py-1 pr-2 text-right">Days of cover</th>
              <th className="py-1 pr-2 text-right">Stockout risk</th>
              <th className="py-1 text-right">Order</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.storeName}-${l.itemName}`} className="border-t border-slate-100">
                <td className="py-1 pr-2">{l.storeName}</td>
                <td className="py-1 pr-2">{l.itemName}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.onHand}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.daysOfCover ?? "—"}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{Math.round(l.stockoutProbability * 100)}%</td>
                <td className="py-1 text-right tabular-nums">{l.orderQuantity > 0 ? `${l.orderQuantity}${l.orderDate ? ` on ${l.orderDate}` : ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (tool === "explainForecast" && Array.isArray(o.waterfall)) {
    const steps = o.waterfall as WaterfallStep[];
    const max = Math.max(...steps.map((s) => Math.abs(s.value)), 1);
    return (
      <ul className="space-y-1 text-xs" aria-label="Forecast drivers">
        {steps.map((s) => (
          <li key={s.label} className="flex items-center gap-2">
            <span className="w-48 shrink-0 text-slate-700">{s.label}</span>
            <span className={s.value >= 0 ? "h-3 bg-brand" : "h-3 bg-red-600"} style={{ width: `${(Math.abs(s.value) / max) * 50}%` }} aria-hidden />
            <span className="tabular-nums">{s.kind === "driver" && s.value > 0 ? "+" : ""}{s.value}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (tool === "generateReport" && typeof o.url === "string") {
    return (
      <a className="text-sm text-brand-text underline" href={o.url}>
        Download {String(o.filename)}
      </a>
    );
  }
  return null;
}
