"use client";

import type { ScenarioResult } from "@/server/api/routers/scenarios.types";
import { ScenarioChart } from "./scenario-chart";

type Band = { mean: number; p10: number; p90: number };

export function formatters(currency: string, locale: string) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const units = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = (f: Intl.NumberFormat, v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${f.format(Math.abs(v))}`;
  return { money, units, signed };
}

const band = (f: Intl.NumberFormat, b: Band) => `${f.format(b.mean)} (${f.format(b.p10)} – ${f.format(b.p90)})`;

/** Baseline vs scenario: units, revenue, margin with their 80% intervals, stock-outs, the daily chart and the warnings. */
export function ScenarioResultView({ result, currency, locale }: { result: ScenarioResult; currency: string; locale: string }) {
  const { money, units, signed } = formatters(currency, locale);
  const rows = [
    { label: "Units", m: result.units, f: units },
    { label: "Revenue", m: result.revenue, f: money },
    { label: "Margin", m: result.margin, f: money },
  ];
  const stock = (s: Band) => `${units.format(s.mean)} (${units.format(s.p10)} – ${units.format(s.p90)})`;
  return (
    <div className="space-y-4" data-testid="scenario-result">
      <table className="w-full text-sm">
        <caption className="sr-only">Baseline and scenario totals with their P10–P90 intervals</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="py-2 pr-4 font-medium">Over {result.scope.series} item × store series, {result.scope.from} … {result.scope.to}</th>
            <th scope="col" className="py-2 pr-4 font-medium">Baseline (P10 – P90)</th>
            <th scope="col" className="py-2 pr-4 font-medium">Scenario (P10 – P90)</th>
            <th scope="col" className="py-2 font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, m, f }) => (
            <tr key={label} className="border-b border-slate-100">
              <th scope="row" className="py-2 pr-4 text-left font-medium">{label}</th>
              <td className="py-2 pr-4 tabular-nums">{band(f, m.baseline)}</td>
              <td className="py-2 pr-4 tabular-nums">{band(f, m.scenario)}</td>
              <td className="py-2 tabular-nums" data-testid={`change-${label.toLowerCase()}`}>{signed(f, m.change)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-2 pr-4 text-left font-medium">Stock-out days</th>
            <td className="py-2 pr-4 tabular-nums">{stock(result.stock.baseline)}</td>
            <td className="py-2 pr-4 tabular-nums">{stock(result.stock.scenario)}</td>
            <td className="py-2 tabular-nums">{signed(units, result.stock.scenario.mean - result.stock.baseline.mean)}</td>
          </tr>
        </tbody>
      </table>
      <ScenarioChart days={result.days} />
      <p className="text-xs text-slate-600">
        Computed against model v{result.model.version} (trained to {result.model.trainedTo}) in {result.evaluationMs} ms, {result.scoredRows.toLocaleString(locale)} feature rows re-scored. Stock-out days: item × store × days on which demand since tomorrow exceeds stock on hand plus open orders ({result.stock.seriesWithStock} series with a stock count), at the mean and at P10 / P90 demand.
      </p>
      {result.warnings.map((w) => (
        <p key={w} className="text-sm text-amber-800">
          {w}
        </p>
      ))}
    </div>
  );
}
