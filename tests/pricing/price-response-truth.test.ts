import { beforeAll, describe, expect, it } from "vitest";
import type { Panel } from "@/models/data";
import { buildInferenceRows } from "@/models/features";
import type { InferenceSet } from "@/models/features";
import { exportQuantileModels, trainQuantileModels } from "@/models/forecaster";
import type { QuantileOnnx } from "@/models/forecaster";
import { arcElasticity, priceHistory, scorePriceGrid } from "@/models/pricing";
import { demoDataPanel } from "@/server/services/demo-data/demo-panel";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";

const HORIZON = 28;
const RATIOS = [0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.15, 1.2];

/**
 * Known truth: the generator's demand is base × … × (paid / base)^elasticity per category
 * (server/services/demo-data/demand.ts), so a uniform price ratio r scales a category's demand by
 * r^elasticity. A model trained with the production parameters (monotone in net price) must
 * recover it from the sales alone.
 */
describe("price response of a model trained on Acme's generated history", () => {
  let config: TenantConfig;
  let panel: Panel;
  let onnx: QuantileOnnx;
  let rows: InferenceSet;
  const blocksOf = (category: string) => Array.from(rows.seriesIndices).flatMap((s, k) => (panel.items.get(panel.series[s]!.itemId)?.category === category ? [k] : []));

  beforeAll(async () => {
    config = (await loadTenantConfigs()).find((c) => c.slug === "acme-grocers")!;
    panel = demoDataPanel(generateTenantData(config));
    const trained = trainQuantileModels(panel, { until: panel.nDays - 1, horizon: HORIZON, params: { maxRows: 80_000 }, seed: 1 });
    onnx = exportQuantileModels(trained);
    rows = buildInferenceRows(panel, panel.nDays - 1, HORIZON);
  }, 600_000);

  /** Category → [truth, the model's arc elasticity between −10% and +10% of the planned price]. */
  const measured = new Map<string, [number, number]>();

  it("falls with price for every category with enough price variation", async () => {
    for (const category of config.generator.categories) {
      const blocks = blocksOf(category.name);
      const history = priceHistory(blocks.map((k) => panel.series[rows.seriesIndices[k]!]!), panel.nDays - 365, panel.nDays - 1);
      expect(history.enough, category.name).toBe(true);
      const response = await scorePriceGrid(onnx, rows, blocks, RATIOS);
      const total = RATIOS.map((_, g) => response.units.reduce((sum, bands) => sum + bands[g]!.p50, 0));
      for (let g = 1; g < RATIOS.length; g++) expect(total[g]!).toBeLessThanOrEqual(total[g - 1]! + 1e-6);
      const elasticity = arcElasticity(0.9, total[2]!, 1.1, total[6]!);
      expect(elasticity, category.name).toBeLessThan(0);
      measured.set(category.name, [category.elasticity, elasticity]);
    }
    console.log([...measured].map(([name, [truth, model]]) => `${name}: truth ${truth}, model ${model.toFixed(2)}`).join("\n"));
  });

  // NOT MET today (README "Pricing"): the model's response is about −0.6 in every category, with
  // its price feature relative to the yearly median price. `it.fails` turns red once it is met.
  it.fails("recovers each category's elasticity within ±25% of the truth", () => {
    expect(measured.size).toBe(config.generator.categories.length);
    for (const [name, [truth, model]] of measured) expect(Math.abs(model / truth - 1), name).toBeLessThanOrEqual(0.25);
  });
});
