import type { InferenceSet } from "@/models/features";
import type { SeriesForecast } from "@/models/data";
import { OnnxForecaster, exportToOnnx } from "@/models/onnx";
import { calibrateInterval, NO_CALIBRATION } from "./interval-calibration";
import type { IntervalCalibration } from "./interval-calibration";
import type { QuantileModels, QuantileName } from "./quantile-models";

/** The three quantile models and, when trained, the mean model (its ONNX output is exp of the raw score: the mean). */
export type QuantileOnnx = Record<QuantileName, Uint8Array> & { mean?: Uint8Array };

/** The models as ONNX files, the form they are stored and served in. */
export function exportQuantileModels(trained: QuantileModels): QuantileOnnx {
  const onnx: QuantileOnnx = { p10: exportToOnnx(trained.models.p10), p50: exportToOnnx(trained.models.p50), p90: exportToOnnx(trained.models.p90) };
  if (trained.mean) onnx.mean = exportToOnnx(trained.mean.model);
  return onnx;
}

/**
 * Forecasts every series of an inference set through onnxruntime (sessions cached per model
 * content), with the model's interval calibration applied to the P10–P90 band, and the mean
 * beside them when there is a mean model.
 */
export async function predictQuantiles(onnx: QuantileOnnx, rows: InferenceSet, calibration: IntervalCalibration = NO_CALIBRATION): Promise<SeriesForecast[]> {
  const run = async (bytes: Uint8Array) => (await OnnxForecaster.load(bytes)).predict(rows.X, rows.nRows);
  const [p10, p50, p90, mean] = await Promise.all([run(onnx.p10), run(onnx.p50), run(onnx.p90), onnx.mean ? run(onnx.mean) : undefined]);
  const forecasts = rows.toForecasts({ p10, p50, p90, mean });
  for (const f of forecasts) {
    for (let h = 0; h < f.p50.length; h++) [f.p10[h], f.p90[h]] = calibrateInterval(f.p10[h]!, f.p50[h]!, f.p90[h]!, calibration);
  }
  return forecasts;
}
