import { MODEL_FORECASTER, bestBaseline, forecasterLabel, formatMetric } from "@/app/_components/forecaster-metrics";
import { cn } from "@/app/_components/ui/cn";
import type { ModelVersionRow } from "./model-types";

/** The model's backtest RMSSE next to the best baseline's; green when the model wins. */
export function RmsseVersusBaseline({ metrics }: { metrics: ModelVersionRow["metrics"] }) {
  const model = metrics[MODEL_FORECASTER]?.rmsse;
  const baseline = bestBaseline(metrics, "rmsse");
  const wins = model !== undefined && baseline !== null && model < baseline.value;
  return (
    <div className="text-right">
      <span className={cn("font-medium tabular-nums", baseline && (wins ? "text-emerald-700" : "text-red-700"))}>{formatMetric(model, "rmsse")}</span>
      {baseline ? (
        <div className="whitespace-nowrap text-xs text-slate-500">
          vs <span className="tabular-nums">{formatMetric(baseline.value, "rmsse")}</span> {forecasterLabel(baseline.name)}
        </div>
      ) : null}
    </div>
  );
}
