import { buildInferenceRows } from "@/models/features";
import type { Forecaster, Panel } from "@/models/data";
import { exportQuantileModels, predictQuantiles } from "./onnx-quantiles";
import { trainQuantileModels } from "./quantile-models";
import type { GbdtParams } from "./quantile-models";

/** Name under which the model's backtest metrics are recorded (the registry compares this row). */
export const MODEL_FORECASTER_NAME = "model";

/**
 * The GBDT as a backtest participant: at each origin it trains on data up to that origin only and
 * predicts through ONNX, exactly the path production forecasts take.
 */
export function gbdtForecaster(options: { params?: Partial<GbdtParams>; seed?: number; onFold?: (info: { origin: number; trainSeconds: number; trainRows: number }) => void } = {}): Forecaster {
  return {
    name: MODEL_FORECASTER_NAME,
    async forecast(panel: Panel, origin: number, horizon: number) {
      const trained = trainQuantileModels(panel, { until: origin, horizon, params: options.params, seed: options.seed });
      options.onFold?.({ origin, trainSeconds: trained.trainSeconds, trainRows: trained.trainRows });
      return predictQuantiles(exportQuantileModels(trained), buildInferenceRows(panel, origin, horizon, { featureSet: trained.featureSet }), trained.calibration);
    },
  };
}
