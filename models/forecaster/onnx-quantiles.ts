import type { InferenceSet } from "@/models/features";
import type { SeriesForecast } from "@/models/data";
import { OnnxForecaster, exportToOnnx } from "@/models/onnx";
import type { QuantileModels, QuantileName } from "./quantile-models";

export type QuantileOnnx = Record<QuantileName, Uint8Array>;

/** The three quantile models as ONNX files, the form they are stored and served in. */
export function exportQuantileModels(trained: QuantileModels): QuantileOnnx {
  return { p10: exportToOnnx(trained.models.p10), p50: exportToOnnx(trained.models.p50), p90: exportToOnnx(trained.models.p90) };
}

/** Forecasts every series of an inference set through onnxruntime (sessions cached per model content). */
export async function predictQuantiles(onnx: QuantileOnnx, rows: InferenceSet): Promise<SeriesForecast[]> {
  const [p10, p50, p90] = await Promise.all(
    (["p10", "p50", "p90"] as const).map(async (q) => (await OnnxForecaster.load(onnx[q])).predict(rows.X, rows.nRows)),
  );
  return rows.toForecasts({ p10: p10!, p50: p50!, p90: p90! });
}
