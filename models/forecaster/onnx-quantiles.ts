import type { InferenceSet } from "@/models/features";
import type { SeriesForecast } from "@/models/data";
import { OnnxForecaster, exportToOnnx } from "@/models/onnx";
import { calibrateInterval, NO_CALIBRATION } from "./interval-calibration";
import type { IntervalCalibration } from "./interval-calibration";
import type { QuantileModels, QuantileName } from "./quantile-models";

export type QuantileOnnx = Record<QuantileName, Uint8Array>;

/** The three quantile models as ONNX files, the form they are stored and served in. */
export function exportQuantileModels(trained: QuantileModels): QuantileOnnx {
  return { p10: exportToOnnx(trained.models.p10), p50: exportToOnnx(trained.models.p50), p90: exportToOnnx(trained.models.p90) };
}

/**
 * Forecasts every series of an inference set through onnxruntime (sessions cached per model
 * content), with the model's interval calibration applied to the P10–P90 band.
 */
export async function predictQuantiles(onnx: QuantileOnnx, rows: InferenceSet, calibration: IntervalCalibration = NO_CALIBRATION): Promise<SeriesForecast[]> {
  const [p10, p50, p90] = await Promise.all(
    (["p10", "p50", "p90"] as const).map(async (q) => (await OnnxForecaster.load(onnx[q])).predict(rows.X, rows.nRows)),
  );
  const forecasts = rows.toForecasts({ p10: p10!, p50: p50!, p90: p90! });
  for (const f of forecasts) {
    for (let h = 0; h < f.p50.length; h++) [f.p10[h], f.p90[h]] = calibrateInterval(f.p10[h]!, f.p50[h]!, f.p90[h]!, calibration);
  }
  return forecasts;
}
