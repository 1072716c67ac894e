import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Panel } from "@/models/data";
import { buildInferenceRows, FEATURE_CODE_VERSION, panelFingerprint } from "@/models/features";
import { parseModel, serializeModel } from "@/models/gbdt";
import type { GbdtModel } from "@/models/gbdt";
import { MEAN_MODEL_NAME, predictQuantiles, QUANTILES } from "@/models/forecaster";
import { sha256Hex } from "@/models/util";
import type { QuantileName, QuantileOnnx } from "@/models/forecaster";
import type { Database } from "@/server/db/database";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import type { NewModelVersion } from "@/server/services/models/registry";
import { getProductionModel } from "@/server/services/models/registry";
import { publishModelVersion } from "./publish-model";
import type { PublishedModel } from "./publish-model";
import { loadTenantPanel } from "./tenant-panel";
import { createTrainingRun, executeTrainingRun } from "./training-runs";
import type { TrainingOutcome, TrainRequest } from "./training-runs";

/** Where the demo tenants' trained models ship, one folder per tenant slug. */
export const DEMO_MODELS_DIR = path.resolve(process.cwd(), "models", "demo");

const quantileNames = Object.keys(QUANTILES) as QuantileName[];
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in hex");
/** A hash per quantile model, and for the mean model when the version has one (models shipped before it have none). */
const perModel = z
  .object({ ...(Object.fromEntries(quantileNames.map((q) => [q, sha256Schema])) as Record<QuantileName, typeof sha256Schema>), [MEAN_MODEL_NAME]: sha256Schema.optional() })
  .strict();

/**
 * `models/demo/<slug>/manifest.json`: the model-version fields, the fingerprint of the history it
 * was trained on, and the content hash of every file beside it (files are named by that hash).
 */
const manifestSchema = z
  .object({
    fingerprint: sha256Schema,
    featureCodeVersion: z.number().int(),
    algorithm: z.string(),
    params: z.record(z.string(), z.unknown()),
    features: z.array(z.string()),
    trainedFrom: z.iso.date(),
    trainedTo: z.iso.date(),
    horizon: z.number().int(),
    trainSeconds: z.number(),
    metrics: z.record(z.string(), z.object({ mae: z.number(), rmse: z.number(), wape: z.number(), bias: z.number(), rmsse: z.number(), coverage80: z.number(), pinball: z.number() })),
    /** ONNX file hash per model: `<hash>.onnx`. */
    artifacts: perModel,
    /** Tree dump hash per model: `<hash>.trees.json`. */
    treeArtifacts: perModel,
  })
  .strict();
type Manifest = z.infer<typeof manifestSchema>;

export const calibrationSchema = z.object({ lower: z.number().positive(), upper: z.number().positive() }, "the shipped model's params.calibration is missing");

const onnxFile = (hash: string) => `${hash}.onnx`;
const treesFile = (hash: string) => `${hash}.trees.json`;

/** Writes a trained model where `installDemoModel` finds it (`npm run cli -- train --tenant SLUG --save-demo`), replacing what was there. */
export async function saveDemoModel(slug: string, version: NewModelVersion, panel: Panel, dir = DEMO_MODELS_DIR): Promise<string> {
  const folder = path.join(dir, slug);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  type ModelName = keyof Manifest["artifacts"];
  const artifacts = {} as Manifest["artifacts"];
  const treeArtifacts = {} as Manifest["treeArtifacts"];
  const names: ModelName[] = MEAN_MODEL_NAME in version.onnx ? [...quantileNames, MEAN_MODEL_NAME] : quantileNames;
  for (const q of names) {
    const onnx = version.onnx[q];
    const trees = version.trees[q];
    if (!onnx || !trees) throw new Error(`the ${q} model is missing`);
    const treeBytes = new TextEncoder().encode(serializeModel(trees));
    artifacts[q] = sha256Hex(onnx);
    treeArtifacts[q] = sha256Hex(treeBytes);
    await writeFile(path.join(folder, onnxFile(artifacts[q])), onnx);
    await writeFile(path.join(folder, treesFile(treeArtifacts[q])), treeBytes);
  }
  // Only the fields a model version is registered with: ids, numbers and statuses belong to the database it came from.
  const manifest: Manifest = {
    fingerprint: panelFingerprint(panel),
    featureCodeVersion: FEATURE_CODE_VERSION,
    algorithm: version.algorithm,
    params: version.params,
    features: version.features,
    trainedFrom: version.trainedFrom,
    trainedTo: version.trainedTo,
    horizon: version.horizon,
    trainSeconds: version.trainSeconds,
    metrics: version.metrics,
    artifacts,
    treeArtifacts,
  };
  await writeFile(path.join(folder, "manifest.json"), `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`);
  return folder;
}

export type ShippedDemoModel = { manifest: Manifest; version: NewModelVersion };

/**
 * Reads a shipped model and checks every file against the sha256 the manifest names it by, so a
 * corrupt or hand-edited artifact is refused instead of served. Null when nothing is shipped.
 */
export async function readDemoModel(folder: string): Promise<ShippedDemoModel | null> {
  const manifestPath = path.join(folder, "manifest.json");
  if (!existsSync(manifestPath)) return null;
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath, "utf8")));
  if (!parsed.success) throw new Error(`${manifestPath} is not a valid demo-model manifest: ${z.prettifyError(parsed.error)}`);
  const manifest = parsed.data;
  const verified = async (file: string, expected: string) => {
    const bytes = new Uint8Array(await readFile(path.join(folder, file)));
    const actual = sha256Hex(bytes);
    if (actual !== expected) {
      throw new Error(`Shipped demo model ${path.join(folder, file)} has sha256 ${actual}, not the ${expected} its manifest names; refusing to install it (re-ship it with \`npm run cli -- train --tenant <slug> --save-demo\`).`);
    }
    return bytes;
  };
  const onnx = {} as QuantileOnnx;
  const trees: Record<string, GbdtModel> = {};
  for (const [q, hash] of Object.entries(manifest.artifacts)) {
    const treeHash = manifest.treeArtifacts[q as keyof Manifest["treeArtifacts"]];
    if (!hash) continue;
    if (!treeHash) throw new Error(`${manifestPath} names a ${q} ONNX file but no tree dump for it`);
    onnx[q as QuantileName] = await verified(onnxFile(hash), hash);
    trees[q] = parseModel(new TextDecoder().decode(await verified(treesFile(treeHash), treeHash)));
  }
  const { fingerprint: _fingerprint, featureCodeVersion: _code, artifacts: _artifacts, treeArtifacts: _trees, ...fields } = manifest;
  return { manifest, version: { ...fields, onnx, trees } };
}

export type DemoModelResult = { slug: string; source: "shipped" | "trained" | "present"; seconds: number; published?: PublishedModel | TrainingOutcome };

/**
 * Gives a demo tenant a production model: the shipped one when it was trained on exactly this
 * history (forecasts are recomputed through onnxruntime), otherwise a fresh training run.
 */
export async function installDemoModel(
  database: Database,
  tenant: { id: string; slug: string },
  options: { dir?: string; onTraining?: () => void; request?: TrainRequest } = {},
): Promise<DemoModelResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const actor: Actor = { tenantId: tenant.id, role: "owner" };
  if (await withTenant(database, tenant.id, (tx) => getProductionModel(tx))) return { slug: tenant.slug, source: "present", seconds: seconds() };
  const background = { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS };
  const panel = await withTenant(database, tenant.id, (tx) => loadTenantPanel(tx), background);
  const shipped = await readDemoModel(path.join(options.dir ?? DEMO_MODELS_DIR, tenant.slug));
  if (shipped && shipped.manifest.fingerprint === panelFingerprint(panel)) {
    const { version } = shipped;
    const calibration = calibrationSchema.parse(version.params.calibration);
    const predicted = await predictQuantiles(version.onnx as QuantileOnnx, buildInferenceRows(panel, panel.nDays - 1, version.horizon), calibration);
    const published = await withTenant(database, tenant.id, (tx) => publishModelVersion(tx, actor, { version, panel, predicted, promote: true }), background);
    return { slug: tenant.slug, source: "shipped", seconds: seconds(), published };
  }
  options.onTraining?.();
  const run = await withTenant(database, tenant.id, (tx) => createTrainingRun(tx, actor, options.request ?? {}));
  const published = await executeTrainingRun(database, actor, run.id);
  return { slug: tenant.slug, source: "trained", seconds: seconds(), published };
}
