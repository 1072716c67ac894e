import { runBacktest } from "@/models/backtest";
import type { BacktestResult } from "@/models/backtest";
import { defaultBaselines } from "@/models/baselines";
import type { Forecaster, Panel } from "@/models/data";
import { gbdtForecaster } from "./gbdt-forecaster";
import { exportQuantileModels } from "./onnx-quantiles";
import type { QuantileOnnx } from "./onnx-quantiles";
import { DEFAULT_GBDT_PARAMS, trainQuantileModels } from "./quantile-models";
import type { GbdtParams, QuantileModels } from "./quantile-models";

export type TrainingProgress = { fraction: number; message: string };

export interface TrainAndEvaluateOptions {
  horizon: number;
  folds: number;
  params?: Partial<GbdtParams>;
  seed?: number;
  /** Awaited between steps, so a caller can record progress while the work is paused. */
  onProgress?: (progress: TrainingProgress) => void | Promise<void>;
}

export interface TrainedForecastModel {
  backtest: BacktestResult;
  final: QuantileModels;
  onnx: QuantileOnnx;
  params: GbdtParams;
  /** Seconds spent fitting trees, backtest folds and final model together. */
  trainSeconds: number;
  trainedFrom: string;
  trainedTo: string;
}

/**
 * What a new model version needs: a rolling-origin backtest of the model against every baseline
 * (each fold trains on the past only), then the final quantile models trained on all history.
 */
export async function trainAndEvaluate(panel: Panel, options: TrainAndEvaluateOptions): Promise<TrainedForecastModel> {
  const params = { ...DEFAULT_GBDT_PARAMS, ...options.params };
  const steps = options.folds + 1;
  let step = 0;
  let trainSeconds = 0;
  const report = async (message: string) => options.onProgress?.({ fraction: step / steps, message });
  const model = gbdtForecaster({ params, seed: options.seed, onFold: (f) => (trainSeconds += f.trainSeconds) });
  const tracked: Forecaster = {
    name: model.name,
    async forecast(view, origin, horizon) {
      await report(`backtest fold ${step + 1} of ${options.folds}: training on history up to ${view.dates[origin]}`);
      const forecasts = await model.forecast(view, origin, horizon);
      step++;
      return forecasts;
    },
  };
  const backtest = await runBacktest(panel, [tracked, ...defaultBaselines()], { horizon: options.horizon, folds: options.folds });
  await report(`training the final model on all ${panel.nDays} days`);
  const final = trainQuantileModels(panel, { until: panel.nDays - 1, horizon: options.horizon, params, seed: options.seed });
  trainSeconds += final.trainSeconds;
  const onnx = exportQuantileModels(final);
  step = steps;
  await report("done");
  return { backtest, final, onnx, params, trainSeconds, trainedFrom: panel.dates[0]!, trainedTo: panel.dates[panel.nDays - 1]! };
}
