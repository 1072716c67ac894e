import "server-only";
import type { ModelVersion } from "@/drizzle/schema";
import type { IntervalCalibration, QuantileOnnx } from "@/models/forecaster";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { versionInputs } from "@/server/services/explain/version-inputs";
import type { VersionInputs } from "@/server/services/explain/version-inputs";
import { calibrationSchema } from "@/server/services/forecasting/demo-models";
import { getProductionModel, loadArtifacts } from "@/server/services/models/registry";

/** What re-scoring the production model needs: its version, the feature rows its forecasts came from, its ONNX models and interval calibration. */
export type ProductionScoring = { version: ModelVersion; inputs: VersionInputs; onnx: QuantileOnnx; calibration: IntervalCalibration };

/**
 * The production model, ready to re-score with changed prices or promotions (price curves,
 * what-if scenarios). No production model, or one without its quantile models, is NOT_FOUND.
 */
export async function loadProductionScoring(tx: Tx, purpose: string): Promise<ProductionScoring> {
  const version = await getProductionModel(tx);
  if (!version) throw new AppError("not_found:model", `This tenant has no production model yet; train one to see ${purpose}.`);
  const [inputs, artifacts] = await Promise.all([versionInputs(tx, version), loadArtifacts(tx, version)]);
  if (!artifacts.p10 || !artifacts.p50 || !artifacts.p90) throw new AppError("not_found:model_artifacts", `Model v${version.version} lacks a quantile model.`);
  const onnx: QuantileOnnx = { p10: artifacts.p10, p50: artifacts.p50, p90: artifacts.p90, ...(artifacts.mean && { mean: artifacts.mean }) };
  return { version, inputs, onnx, calibration: calibrationSchema.parse(version.params.calibration) };
}
