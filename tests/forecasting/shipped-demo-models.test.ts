import path from "node:path";
import { describe, expect, it } from "vitest";
import { FEATURE_CODE_VERSION, FEATURE_NAMES, panelFingerprint } from "@/models/features";
import { OnnxForecaster } from "@/models/onnx";
import { demoDataPanel } from "@/server/services/demo-data/demo-panel";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { DEMO_MODELS_DIR, readDemoModel } from "@/server/services/forecasting/demo-models";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";

// No database: the committed manifests against the history the generator makes today.
describe("shipped demo models (models/demo)", async () => {
  const configs = await loadTenantConfigs();

  it.each(configs.map((c) => c.slug))("%s: files match their sha256, and the fingerprint matches a freshly generated history", async (slug) => {
    const shipped = await readDemoModel(path.join(DEMO_MODELS_DIR, slug));
    expect(shipped, `models/demo/${slug} has no manifest.json`).not.toBeNull();
    const { manifest, version } = shipped!;
    expect(manifest.featureCodeVersion).toBe(FEATURE_CODE_VERSION);
    expect(version.features).toEqual([...FEATURE_NAMES]);
    const panel = demoDataPanel(generateTenantData(configs.find((c) => c.slug === slug)!));
    expect(manifest.fingerprint, "the generator or the features changed since the model was shipped: re-ship it (see README)").toBe(panelFingerprint(panel));
    expect([manifest.trainedFrom, manifest.trainedTo]).toEqual([panel.dates[0], panel.dates[panel.nDays - 1]]);
    for (const q of ["p10", "p50", "p90"] as const) {
      expect((await OnnxForecaster.load(version.onnx[q]!)).nFeatures).toBe(FEATURE_NAMES.length);
      expect(version.trees[q]!.trees.length).toBe((version.params.nTrees as Record<string, number>)[q]);
    }
  }, 60_000);
});
