import { buildInferenceRows } from "@/models/features";
import type { Forecaster, Panel } from "@/models/data";
import { applyDemandClassChoices, chooseByDemandClass, describeChoices } from "./class-combination";
import { exportQuantileModels, predictQuantiles } from "./onnx-quantiles";
import { trainQuantileModels } from "./quantile-models";
import type { GbdtParams } from "./quantile-models";

/** Name under which the model's backtest metrics are recorded (the registry compares this row). */
export const MODEL_FORECASTER_NAME = "model";

/**
 * The GBDT as a backtest participant: at each origin it trains on data up to that origin only and
 * predicts through ONNX, exactly the path production forecasts take.
 */
export function gbdtForecaster(options: { params?: Partial<GbdtParams>; seed?: number; onFold?: (info: { origin: number; trainSeconds: number; trainRows: number }) => void; onChoices?: (info: { origin: number; choices: Record<string, string> }) => void } = {}): Forecaster {
  return {
    name: MODEL_FORECASTER_NAME,
    async forecast(panel: Panel, origin: number, horizon: number) {
      const trained = trainQuantileModels(panel, { until: origin, horizon, params: options.params, seed: options.seed });
      options.onFold?.({ origin, trainSeconds: trained.trainSeconds, trainRows: trained.trainRows });
      const forecasts = await predictQuantiles(exportQuantileModels(trained), buildInferenceRows(panel, origin, horizon, { featureSet: trained.featureSet }), trained.calibration);
      const heldOut = trained.mean?.heldOut;
      if (!options.params?.combineByClass || !heldOut) return forecasts;
      const choices = chooseByDemandClass(panel, heldOut, origin);
      options.onChoices?.({ origin, choices: describeChoices(choices) });
      return applyDemandClassChoices(panel, origin, forecasts, choices);
    },
  };
}
