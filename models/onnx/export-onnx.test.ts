import { describe, expect, it } from "vitest";
import { predict, trainGbdt } from "../gbdt";
import type { GbdtModel, Loss } from "../gbdt";
import { syntheticData } from "../gbdt/synthetic-data.fixture";
import { findCounterfactual } from "../xai";
import { sha256Hex } from "../util";
import { exportToOnnx, OnnxForecaster } from "./index";

const train = syntheticData(4000, { seed: 31, missingRate: 0.15 });
const rows = syntheticData(6000, { seed: 32, missingRate: 0.15 });
// Values outside the training range, unseen categories and missing values everywhere.
for (let r = 0; r < 300; r++) {
  const at = r * 6;
  rows.x.data[at + (r % 6)] = r % 3 === 0 ? Number.NaN : r % 3 === 1 ? 1e6 : -1e6;
  if (r % 5 === 0) rows.x.data[at + 3] = 777;
}

function compare(model: GbdtModel, onnx: Float32Array): { worst: number; equalAsFloat32: number } {
  const reference = predict(model, rows.x);
  let worst = 0;
  let equalAsFloat32 = 0;
  for (let i = 0; i < reference.length; i++) {
    worst = Math.max(worst, Math.abs(onnx[i]! - reference[i]!));
    if (onnx[i] === Math.fround(reference[i]!)) equalAsFloat32++;
  }
  return { worst, equalAsFloat32 };
}

describe("exportToOnnx + OnnxForecaster", () => {
  const cases: Array<[string, Loss, number[]]> = [
    ["L2", { kind: "l2" }, []],
    ["L2 with a categorical feature", { kind: "l2" }, [3]],
    ["quantile 0.9", { kind: "quantile", alpha: 0.9 }, [3]],
    // The mean model: onnxruntime must apply exp to the trees' sum (an Exp node after the ensemble).
    ["tweedie 1.5 (log link)", { kind: "tweedie", power: 1.5 }, [3]],
  ];

  it.each(cases)("matches the TypeScript evaluation within 1e-4 on 6,000 rows with NaNs (%s)", async (_, loss, categoricalFeatures) => {
    // Tweedie needs targets ≥ 0: the same signal, shifted (its minimum is about −6).
    const y = loss.kind === "tweedie" ? train.y.map((v) => Math.max(0, v + 6)) : train.y;
    const { model } = trainGbdt(train.x, y, { nTrees: 80, maxDepth: 6, loss, categoricalFeatures, rowSubsample: 0.8, seed: 2 });
    const forecaster = await OnnxForecaster.load(exportToOnnx(model));
    expect(forecaster.nFeatures).toBe(6);
    const onnx = await forecaster.predict(rows.x.data, rows.x.nRows);
    expect(onnx).toHaveLength(rows.x.nRows);
    const { worst, equalAsFloat32 } = compare(model, onnx);
    expect(worst).toBeLessThan(1e-4);
    // Summed in float64 like the TS evaluation, so only a summation-order tie could round differently.
    // onnxruntime's Exp is not bit-identical to Math.exp, so the mean model is checked to 1e-4 only.
    if (loss.kind !== "tweedie") expect(equalAsFloat32).toBeGreaterThanOrEqual(rows.x.nRows - 1);
  });

  it("exports deterministically and caches one forecaster per content hash", async () => {
    const { model } = trainGbdt(train.x, train.y, { nTrees: 5 });
    const bytes = exportToOnnx(model);
    expect(exportToOnnx(model)).toEqual(bytes);
    expect(sha256Hex(bytes)).toMatch(/^[0-9a-f]{64}$/);
    const [a, b] = await Promise.all([OnnxForecaster.load(bytes), OnnxForecaster.load(bytes.slice())]);
    expect(a).toBe(b);
    expect(a.hash).toBe(sha256Hex(bytes));
  });

  it("checks the input size and rejects bytes that are not a model", async () => {
    const { model } = trainGbdt(train.x, train.y, { nTrees: 2 });
    const forecaster = await OnnxForecaster.load(exportToOnnx(model));
    await expect(forecaster.predict(new Float32Array(10), 2)).rejects.toThrow(/expected 2 rows × 6 features/);
    expect(await forecaster.predict(new Float32Array(0), 0)).toHaveLength(0);
    await expect(OnnxForecaster.load(new TextEncoder().encode("not onnx"))).rejects.toThrow();
  });

  it("drives counterfactual search through onnxruntime", async () => {
    const { model } = trainGbdt(train.x, train.y, { nTrees: 20, maxDepth: 4 });
    const forecaster = await OnnxForecaster.load(exportToOnnx(model));
    const row = train.x.data.slice(0, 6);
    const sweep = new Float32Array(21 * 6);
    for (let k = 0; k <= 20; k++) sweep.set([-1 + k / 10, ...row.subarray(1)], k * 6);
    // The lowest prediction on a sweep of feature 0 is reachable by construction.
    const target = Math.min(...(await forecaster.predict(sweep, 21)));
    const result = await findCounterfactual(model, row, {
      controllable: [{ feature: 0, min: -1, max: 1 }],
      target,
      direction: "decrease",
      predict: (x, n) => forecaster.predict(x, n),
    });
    expect(result).toMatchObject({ found: true, search: "exact" });
    if (result.found) expect((await forecaster.predict(result.row, 1))[0]).toBeLessThanOrEqual(target);
  });
});
