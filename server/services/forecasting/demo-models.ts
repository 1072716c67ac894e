import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Panel } from "@/models/data";
import { buildInferenceRows, FEATURE_NAMES } from "@/models/features";
import { predictQuantiles, QUANTILES } from "@/models/forecaster";
import { sha256Stream } from "@/models/util";
import type { QuantileOnnx } from "@/models/forecaster";
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

const quantileNames = Object.keys(QUANTILES) as (keyof typeof QUANTILES)[];

const manifestSchema = z.object({
  /** Hash of the sales history the model was trained on (see `panelFingerprint`). */
  fingerprint: z.string(),
  algorithm: z.string(),
  params: z.record(z.string(), z.unknown()),
  features: z.array(z.string()),
  trainedFrom: z.string(),
  trainedTo: z.string(),
  horizon: z.number().int(),
  trainSeconds: z.number(),
  metrics: z.record(z.string(), z.object({ mae: z.number(), rmse: z.number(), wape: z.number(), bias: z.number(), rmsse: z.number(), coverage80: z.number(), pinball: z.number() })),
});
type Manifest = z.infer<typeof manifestSchema>;

const calibrationSchema = z.object({ lower: z.number().positive(), upper: z.number().positive() }, "the shipped model's params.calibration is missing");

/**
 * Identifies a history: series keys, calendar, units and covariates. A shipped model is used only
 * for the very data it was trained on; any change to the generator or the features retrains.
 */
export function panelFingerprint(panel: Panel): string {
  const hash = sha256Stream().update(FEATURE_NAMES.join(",")).update(`${panel.dates[0]}|${panel.nDays}`);
  for (const s of panel.series) {
    hash.update(`${s.storeId}|${s.itemId}|`);
    for (const column of [s.units, s.price, s.discount, s.promo, s.markdown]) if (column) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  for (const [date, names] of [...panel.events].sort()) hash.update(`${date}:${names.join("+")}`);
  return hash.digest("hex");
}

/** Writes a trained model where `installDemoModel` finds it (`npm run cli -- train --tenant SLUG --save-demo`). */
export async function saveDemoModel(slug: string, version: NewModelVersion, panel: Panel, dir = DEMO_MODELS_DIR): Promise<string> {
  const folder = path.join(dir, slug);
  await mkdir(folder, { recursive: true });
  const { onnx, ...rest } = version;
  const manifest: Manifest = { ...rest, fingerprint: panelFingerprint(panel) };
  for (const q of quantileNames) await writeFile(path.join(folder, `${q}.onnx`), onnx[q]!);
  await writeFile(path.join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

async function readDemoModel(folder: string): Promise<(Manifest & { onnx: QuantileOnnx }) | null> {
  if (!existsSync(path.join(folder, "manifest.json"))) return null;
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8")));
  const files = await Promise.all(quantileNames.map(async (q) => [q, new Uint8Array(await readFile(path.join(folder, `${q}.onnx`)))] as const));
  return { ...manifest, onnx: Object.fromEntries(files) as QuantileOnnx };
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
  if (shipped && shipped.fingerprint === panelFingerprint(panel) && shipped.features.join() === FEATURE_NAMES.join()) {
    const { fingerprint: _fingerprint, ...version } = shipped;
    const calibration = calibrationSchema.parse(shipped.params.calibration);
    const predicted = await predictQuantiles(shipped.onnx, buildInferenceRows(panel, panel.nDays - 1, shipped.horizon), calibration);
    const published = await withTenant(database, tenant.id, (tx) => publishModelVersion(tx, actor, { version, panel, predicted, promote: true }), background);
    return { slug: tenant.slug, source: "shipped", seconds: seconds(), published };
  }
  options.onTraining?.();
  const run = await withTenant(database, tenant.id, (tx) => createTrainingRun(tx, actor, options.request ?? {}));
  const published = await executeTrainingRun(database, actor, run.id);
  return { slug: tenant.slug, source: "trained", seconds: seconds(), published };
}
