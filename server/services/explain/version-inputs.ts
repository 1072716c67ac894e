import "server-only";
import type { ModelVersion } from "@/drizzle/schema";
import type { Panel } from "@/models/data";
import { buildInferenceRows, FEATURE_NAMES } from "@/models/features";
import type { InferenceSet } from "@/models/features";
import type { GbdtModel } from "@/models/gbdt";
import { OnnxForecaster } from "@/models/onnx";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { loadArtifacts, loadTrees } from "@/server/services/models/registry";

/**
 * What a model version forecast from: the panel cut at its last training day, the feature rows
 * of every series at that origin (the rows its stored forecasts were predicted from), and the
 * served ONNX models with their trees.
 */
export type VersionInputs = {
  version: ModelVersion;
  panel: Panel;
  rows: InferenceSet;
  p50: { onnx: OnnxForecaster; trees: GbdtModel };
  /** Row block of each series in `rows`, by `storeId\0itemId`. */
  seriesBlock: Map<string, number>;
};

export const seriesKey = (storeId: string, itemId: string) => `${storeId}\u0000${itemId}`;

// Rebuilding a panel reads the tenant's whole history (seconds on the embedded database), so the
// inputs of the few versions being explained stay in memory, keyed by tenant AND version.
const CACHE_KEY = Symbol.for("foresight.explain.versionInputs");
const MAX_CACHED_VERSIONS = 4;
type Cache = Map<string, Promise<VersionInputs>>;
const cache = (): Cache => ((globalThis as { [CACHE_KEY]?: Cache })[CACHE_KEY] ??= new Map());

/** The version's inputs, loaded once per process (within the caller's tenant transaction, so RLS scopes every read). */
export function versionInputs(tx: Tx, version: ModelVersion): Promise<VersionInputs> {
  const key = `${version.tenantId}:${version.id}`;
  const entries = cache();
  const hit = entries.get(key);
  if (hit) {
    // Re-insert: the map's order is the eviction order.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const loading = loadVersionInputs(tx, version);
  entries.set(key, loading);
  loading.catch(() => entries.delete(key));
  while (entries.size > MAX_CACHED_VERSIONS) entries.delete(entries.keys().next().value!);
  return loading;
}

async function loadVersionInputs(tx: Tx, version: ModelVersion): Promise<VersionInputs> {
  if (version.features.length !== FEATURE_NAMES.length || version.features.some((f, i) => f !== FEATURE_NAMES[i])) {
    throw new AppError("conflict:model_features", `Model v${version.version} was trained on other features than this code builds; retrain it to explain its forecasts.`);
  }
  const [trees, artifacts] = await Promise.all([loadTrees(tx, version), loadArtifacts(tx, version)]);
  if (!trees.p50 || !artifacts.p50) throw new AppError("not_found:model_trees", `Model v${version.version} has no P50 model to explain.`);
  const panel = await loadTenantPanel(tx, { to: version.trainedTo });
  if (panel.dates[panel.nDays - 1] !== version.trainedTo) {
    throw new AppError("conflict:explanation_history", `The sales history no longer reaches model v${version.version}'s last training day (${version.trainedTo}); its forecasts cannot be explained.`);
  }
  const rows = buildInferenceRows(panel, panel.nDays - 1, version.horizon);
  const seriesBlock = new Map<string, number>();
  rows.seriesIndices.forEach((series, k) => seriesBlock.set(seriesKey(panel.series[series]!.storeId, panel.series[series]!.itemId), k));
  return { version, panel, rows, p50: { onnx: await OnnxForecaster.load(artifacts.p50), trees: trees.p50 }, seriesBlock };
}
