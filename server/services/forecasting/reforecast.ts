import "server-only";
import { max } from "drizzle-orm";
import { sales } from "@/drizzle/schema";
import type { ModelVersion } from "@/drizzle/schema";
import { buildInferenceRows } from "@/models/features";
import { predictQuantiles } from "@/models/forecaster";
import type { QuantileOnnx } from "@/models/forecaster";
import type { Database, Tx } from "@/server/db/database";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { getProductionModel, loadArtifacts, loadTrees, promoteReforecast, reforecastOriginSchema, registerModelVersion } from "@/server/services/models/registry";
import { calibrationSchema } from "./demo-models";
import { storeForecasts } from "./store-forecasts";
import { loadTenantPanel } from "./tenant-panel";

export type ReforecastOutcome =
  | { status: "no_model" | "up_to_date"; production: number | null; latestSales: string | null }
  | { status: "reforecast"; production: number; latestSales: string; version: ModelVersion; promoted: boolean; forecastRows: number };

/**
 * Re-forecasts from the latest sales with the production model's trees, without retraining. The
 * forecasts are stored as a new version that shares the production version's artifacts (stored
 * once, by content hash) and starts its forecast after the newest sales day, which is what every
 * reader takes as a version's forecast origin (`trainedTo`); the version it replaces keeps its
 * forecasts, so the drift check and the forecast-vs-actual chart still compare them with the
 * sales that arrived since. `params.reforecastOf` names the version and the day its trees were
 * fitted to. Nothing happens when no sales arrived after the production forecast's origin.
 */
export async function reforecastProduction(database: Database, actor: Actor): Promise<ReforecastOutcome> {
  const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(database, actor.tenantId, fn, { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS });
  const read = await inTenant(async (tx) => {
    const production = await getProductionModel(tx);
    const [last] = await tx.select({ date: max(sales.date) }).from(sales);
    const latestSales = last?.date ?? null;
    if (!production || !latestSales || latestSales <= production.trainedTo) return { production, latestSales, inputs: null };
    const [onnx, trees, panel] = await Promise.all([loadArtifacts(tx, production), loadTrees(tx, production), loadTenantPanel(tx)]);
    return { production, latestSales, inputs: { onnx, trees, panel } };
  });
  const { production, latestSales, inputs } = read;
  if (!production || !inputs) return { status: production ? "up_to_date" : "no_model", production: production?.version ?? null, latestSales };
  const calibration = calibrationSchema.safeParse(production.params.calibration);
  if (!calibration.success) throw new AppError("conflict:model_calibration", `Model v${production.version} has no interval calibration in its params; retrain it to re-forecast.`);
  const { onnx, trees, panel } = inputs;
  const predicted = await predictQuantiles(onnx as QuantileOnnx, buildInferenceRows(panel, panel.nDays - 1, production.horizon), calibration.data);
  const previous = reforecastOriginSchema.safeParse(production.params.reforecastOf);
  const fittedTo = previous.success ? previous.data.fittedTo : production.trainedTo;
  return inTenant(async (tx) => {
    const version = await registerModelVersion(tx, actor, {
      algorithm: production.algorithm,
      params: { ...production.params, reforecastOf: { id: production.id, version: production.version, fittedTo } },
      features: production.features,
      trainedFrom: production.trainedFrom,
      trainedTo: panel.dates[panel.nDays - 1]!,
      horizon: production.horizon,
      metrics: production.metrics,
      trainSeconds: 0,
      onnx,
      trees,
    });
    const forecastRows = await storeForecasts(tx, actor.tenantId, version.id, panel, predicted);
    const promotion = await promoteReforecast(tx, actor, version.id);
    return { status: "reforecast", production: production.version, latestSales, version: promotion.version, promoted: promotion.promoted, forecastRows };
  });
}
