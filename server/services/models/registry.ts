import "server-only";
import { and, desc, eq, inArray, isNotNull, max, ne } from "drizzle-orm";
import { z } from "zod";
import { modelArtifacts, modelVersions } from "@/drizzle/schema";
import type { ModelMetrics, ModelVersion } from "@/drizzle/schema";
import { parseModel, serializeModel } from "@/models/gbdt";
import type { GbdtModel } from "@/models/gbdt";
import { OnnxForecaster } from "@/models/onnx";
import { sha256Hex } from "@/models/util";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

/** The forecaster whose backtest row decides promotion, and the metric compared. */
export const MODEL_METRIC_KEY = "model";
export const PROMOTION_METRIC = "rmsse" as const;

export type NewModelVersion = {
  algorithm: string;
  params: Record<string, unknown>;
  features: string[];
  trainedFrom: string;
  trainedTo: string;
  horizon: number;
  metrics: ModelMetrics;
  trainSeconds: number;
  /** ONNX bytes per quantile name (p10, p50, p90). */
  onnx: Record<string, Uint8Array>;
  /** The same models' trees with node covers, per quantile: what TreeSHAP explains exactly. */
  trees: Record<string, GbdtModel>;
};

/**
 * Refuses artifacts that could never serve: each must load in onnxruntime as a GBDT export and read
 * exactly the version's features. Loading here also warms the session cache before promotion.
 */
async function checkServable(input: NewModelVersion): Promise<void> {
  if (Object.keys(input.onnx).length === 0) throw new AppError("bad_request:model_artifact", "A model version needs at least one ONNX artifact.");
  for (const [quantile, bytes] of Object.entries(input.onnx)) {
    let forecaster: OnnxForecaster;
    try {
      forecaster = await OnnxForecaster.load(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError("bad_request:model_artifact", `The ${quantile} artifact (${bytes.byteLength} bytes) is not an ONNX model onnxruntime can load: ${reason}`);
    }
    if (forecaster.nFeatures !== input.features.length) {
      throw new AppError("bad_request:model_artifact", `The ${quantile} artifact reads ${forecaster.nFeatures} features, but the version lists ${input.features.length}.`);
    }
    const trees = input.trees[quantile];
    if (!trees || trees.nFeatures !== input.features.length) {
      throw new AppError("bad_request:model_trees", `The ${quantile} model's trees are ${trees ? `for ${trees.nFeatures} features, not ${input.features.length}` : "missing"}: every served artifact needs its trees for explanations.`);
    }
  }
}

async function storeArtifact(tx: Tx, tenantId: string, bytes: Uint8Array): Promise<string> {
  const hash = sha256Hex(bytes);
  await tx.insert(modelArtifacts).values({ tenantId, sha256: hash, bytes, sizeBytes: bytes.byteLength }).onConflictDoNothing();
  return hash;
}

/** Stores the artifacts (deduplicated by content hash) and a new staging version, once onnxruntime has loaded every artifact. */
export async function registerModelVersion(tx: Tx, actor: Actor, input: NewModelVersion): Promise<ModelVersion> {
  await checkServable(input);
  const artifacts: Record<string, string> = {};
  const treeArtifacts: Record<string, string> = {};
  for (const [quantile, bytes] of Object.entries(input.onnx)) {
    artifacts[quantile] = await storeArtifact(tx, actor.tenantId, bytes);
    treeArtifacts[quantile] = await storeArtifact(tx, actor.tenantId, new TextEncoder().encode(serializeModel(input.trees[quantile]!)));
  }
  const [latest] = await tx.select({ v: max(modelVersions.version) }).from(modelVersions);
  const [row] = await tx
    .insert(modelVersions)
    .values({
      tenantId: actor.tenantId,
      version: (latest?.v ?? 0) + 1,
      algorithm: input.algorithm,
      params: input.params,
      features: input.features,
      trainedFrom: input.trainedFrom,
      trainedTo: input.trainedTo,
      horizon: input.horizon,
      metrics: input.metrics,
      artifacts,
      treeArtifacts,
      trainSeconds: input.trainSeconds,
      createdBy: actor.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("model version insert returned no row");
  await recordAudit(tx, actor, { action: "model.registered", targetType: "model_version", targetId: row.id, details: { version: row.version, metrics: input.metrics[MODEL_METRIC_KEY] ?? null } });
  return row;
}

export function listModelVersions(tx: Tx) {
  return tx
    .select({
      id: modelVersions.id,
      version: modelVersions.version,
      algorithm: modelVersions.algorithm,
      status: modelVersions.status,
      trainedFrom: modelVersions.trainedFrom,
      trainedTo: modelVersions.trainedTo,
      horizon: modelVersions.horizon,
      metrics: modelVersions.metrics,
      trainSeconds: modelVersions.trainSeconds,
      createdAt: modelVersions.createdAt,
      promotedAt: modelVersions.promotedAt,
    })
    .from(modelVersions)
    .orderBy(desc(modelVersions.version));
}

export async function getProductionModel(tx: Tx): Promise<ModelVersion | null> {
  const [row] = await tx.select().from(modelVersions).where(eq(modelVersions.status, "production"));
  return row ?? null;
}

async function loadByHash(tx: Tx, version: ModelVersion, hashes: Record<string, string>): Promise<Record<string, Uint8Array>> {
  const rows = await tx.select().from(modelArtifacts).where(inArray(modelArtifacts.sha256, Object.values(hashes)));
  const byHash = new Map(rows.map((r) => [r.sha256, r.bytes]));
  return Object.fromEntries(
    Object.entries(hashes).map(([quantile, hash]) => {
      const bytes = byHash.get(hash);
      if (!bytes) throw new AppError("not_found:model_artifact", `Artifact ${hash} of model v${version.version} is missing.`);
      return [quantile, bytes];
    }),
  );
}

/** The version's ONNX files per quantile: what serves its forecasts. */
export function loadArtifacts(tx: Tx, version: ModelVersion): Promise<Record<string, Uint8Array>> {
  return loadByHash(tx, version, version.artifacts);
}

/** The version's trees with node covers per quantile, the same models as its ONNX files: TreeSHAP on them explains what is served. */
export async function loadTrees(tx: Tx, version: ModelVersion): Promise<Record<string, GbdtModel>> {
  if (Object.keys(version.treeArtifacts).length === 0) {
    throw new AppError("not_found:model_trees", `Model v${version.version} was registered before trees were kept, so it cannot be explained exactly; retrain to get an explainable version.`);
  }
  const dumps = await loadByHash(tx, version, version.treeArtifacts);
  const decoder = new TextDecoder();
  return Object.fromEntries(Object.entries(dumps).map(([quantile, bytes]) => [quantile, parseModel(decoder.decode(bytes))]));
}

/** The version's backtest score, or undefined when it has none that compares (missing, null from JSON, NaN, ±∞). */
function modelScore(v: Pick<ModelVersion, "metrics">): number | undefined {
  const score: unknown = v.metrics[MODEL_METRIC_KEY]?.[PROMOTION_METRIC];
  return typeof score === "number" && Number.isFinite(score) ? score : undefined;
}

export const promoteSchema = z.object({
  modelVersionId: z.uuid("modelVersionId must be a UUID"),
  force: z.boolean().default(false).describe("Promote even if the backtest does not beat production (admins only)"),
});

/**
 * Makes a version the production model. It must beat the current production model on the
 * backtest metric unless an admin forces it; the previous production model is archived.
 */
export async function promoteModelVersion(tx: Tx, actor: Actor, input: z.input<typeof promoteSchema>) {
  const { modelVersionId, force } = promoteSchema.parse(input);
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins promote models.");
  const [candidate] = await tx.select().from(modelVersions).where(eq(modelVersions.id, modelVersionId));
  if (!candidate) throw new AppError("not_found:model_version", "No such model version.");
  if (candidate.status === "production") return candidate;
  const current = await getProductionModel(tx);
  // Shorter horizons score better on every metric, so only backtests of the same horizon compare.
  if (current && current.horizon !== candidate.horizon && !force) {
    throw new AppError(
      "conflict:not_comparable",
      `v${candidate.version} was backtested over ${candidate.horizon} days and production v${current.version} over ${current.horizon}; their scores do not compare. An admin can force it.`,
    );
  }
  const [candidateScore, currentScore] = [modelScore(candidate), current ? modelScore(current) : undefined];
  // A version without a finite backtest score never passes on its own: nothing shows it forecasts well.
  if (candidateScore === undefined && !force) {
    throw new AppError("conflict:no_score", `v${candidate.version} has no finite backtest ${PROMOTION_METRIC}, so it cannot be shown to beat anything; an admin can force it.`);
  }
  const beats = candidateScore !== undefined && (!current || currentScore === undefined || candidateScore < currentScore);
  if (!beats && !force) {
    throw new AppError(
      "conflict:not_better",
      `v${candidate.version} does not beat production v${current?.version} on ${PROMOTION_METRIC} (${candidateScore?.toFixed(4) ?? "n/a"} vs ${currentScore?.toFixed(4) ?? "n/a"}); an admin can force it.`,
    );
  }
  if (current) await tx.update(modelVersions).set({ status: "archived" }).where(eq(modelVersions.id, current.id));
  const [promoted] = await tx.update(modelVersions).set({ status: "production", promotedAt: new Date() }).where(eq(modelVersions.id, candidate.id)).returning();
  await recordAudit(tx, actor, {
    action: force && !beats ? "model.promoted_forced" : "model.promoted",
    targetType: "model_version",
    targetId: candidate.id,
    details: { version: candidate.version, replaced: current?.version ?? null, [PROMOTION_METRIC]: candidateScore ?? null, previous: currentScore ?? null },
  });
  return promoted!;
}

/**
 * Puts back the most recently promoted earlier version and archives the current one, which loses
 * its promotion date: rolling back again steps further back instead of returning to it. The audit
 * log keeps the history.
 */
export async function rollbackModel(tx: Tx, actor: Actor) {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins roll back models.");
  const current = await getProductionModel(tx);
  if (!current) throw new AppError("conflict:no_production", "There is no production model to roll back.");
  const [previous] = await tx
    .select()
    .from(modelVersions)
    .where(and(ne(modelVersions.id, current.id), isNotNull(modelVersions.promotedAt)))
    .orderBy(desc(modelVersions.promotedAt))
    .limit(1);
  if (!previous) throw new AppError("conflict:no_previous", "No earlier production model to roll back to.");
  await tx.update(modelVersions).set({ status: "archived", promotedAt: null }).where(eq(modelVersions.id, current.id));
  const [restored] = await tx.update(modelVersions).set({ status: "production" }).where(eq(modelVersions.id, previous.id)).returning();
  await recordAudit(tx, actor, { action: "model.rolled_back", targetType: "model_version", targetId: previous.id, details: { from: current.version, to: previous.version } });
  return restored!;
}

/** Where a re-forecast version came from, kept in its params (server/services/forecasting/reforecast.ts). */
export const reforecastOriginSchema = z.object({ id: z.uuid(), version: z.number().int(), fittedTo: z.iso.date() });

/**
 * Puts a re-forecast version (the production model's own artifacts, forecasting from newer sales)
 * in production in place of the version it re-forecast. Its backtest is that version's, so the
 * "beats production" rule does not apply; it is refused when production has changed meanwhile
 * (a retrain promoted something else), and then stays in staging.
 */
export async function promoteReforecast(tx: Tx, actor: Actor, modelVersionId: string): Promise<{ promoted: boolean; version: ModelVersion }> {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins re-forecast models.");
  const [candidate] = await tx.select().from(modelVersions).where(eq(modelVersions.id, modelVersionId));
  if (!candidate) throw new AppError("not_found:model_version", "No such model version.");
  const origin = reforecastOriginSchema.safeParse(candidate.params.reforecastOf);
  if (!origin.success) throw new AppError("bad_request:not_reforecast", `v${candidate.version} is not a re-forecast.`);
  const current = await getProductionModel(tx);
  if (!current || current.id !== origin.data.id) return { promoted: false, version: candidate };
  await tx.update(modelVersions).set({ status: "archived" }).where(eq(modelVersions.id, current.id));
  const [promoted] = await tx.update(modelVersions).set({ status: "production", promotedAt: new Date() }).where(eq(modelVersions.id, candidate.id)).returning();
  await recordAudit(tx, actor, {
    action: "model.reforecast",
    targetType: "model_version",
    targetId: candidate.id,
    details: { version: candidate.version, replaced: current.version, fittedTo: origin.data.fittedTo, forecastFrom: candidate.trainedTo },
  });
  return { promoted: true, version: promoted! };
}
