import type { ModelMetrics } from "@/drizzle/schema";
import { METRICS, MODEL_FORECASTER, bestForecasters, forecasterLabel, formatMetric, orderForecasters } from "@/app/_components/forecaster-metrics";
import { cn } from "@/app/_components/ui/cn";

/** Every forecaster's rolling-origin backtest on the same folds, best value per column marked. */
export function BacktestTable({ metrics }: { metrics: ModelMetrics }) {
  const best = bestForecasters(metrics);
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Backtest against baselines">
        <table className="w-full text-sm" data-testid="backtest-metrics">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="pb-2 font-medium">Forecaster</th>
              {METRICS.map((m) => (
                <th key={m.key} className="pb-2 text-right font-medium" title={m.explain}>
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {orderForecasters(Object.keys(metrics)).map((name) => (
              <tr key={name} className={cn("border-t border-slate-100", name === MODEL_FORECASTER && "bg-brand/5 font-medium")} aria-current={name === MODEL_FORECASTER ? "true" : undefined}>
                <td className="py-1.5 pl-1">{forecasterLabel(name)}</td>
                {METRICS.map((m) => {
                  const isBest = best[m.key].has(name);
                  return (
                    <td key={m.key} className={cn("py-1.5 text-right tabular-nums", isBest && "text-emerald-700")}>
                      {formatMetric(metrics[name]?.[m.key], m.format)}
                      {isBest ? <span aria-label="best in column"> ★</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-xs text-slate-500 sm:grid-cols-[auto_1fr]">
        {METRICS.map((m) => (
          <div key={m.key} className="contents">
            <dt className="font-medium text-slate-700">{m.label}</dt>
            <dd>{m.explain}</dd>
          </div>
        ))}
        <div className="contents">
          <dt className="font-medium text-emerald-700">★</dt>
          <dd>Best value in the column.</dd>
        </div>
      </dl>
    </div>
  );
}
