import "server-only";
import { N_FEATURES } from "@/models/features";
import { applyControl, LEVERS, NO_CHANGE } from "@/models/xai";
import type { VersionInputs } from "./version-inputs";

/** Model rows scored per onnxruntime call: bounds memory when a category's many rows meet many candidates. */
const MAX_ROWS_PER_CALL = 50_000;

/**
 * The served P50 (onnxruntime, floored at zero as served) summed over the rows, for each control
 * vector (LEVERS order, row-major): what counterfactuals and the price curve are measured with.
 */
export function controlPredictor(inputs: VersionInputs, X: Float32Array, scales: readonly number[]) {
  const n = scales.length;
  return async (controls: Float32Array, nControls: number): Promise<Float64Array> => {
    const out = new Float64Array(nControls);
    const perCall = Math.max(1, Math.floor(MAX_ROWS_PER_CALL / n));
    for (let c0 = 0; c0 < nControls; c0 += perCall) {
      const count = Math.min(perCall, nControls - c0);
      const batch = new Float32Array(count * n * N_FEATURES);
      for (let c = 0; c < count; c++) {
        const control = Array.from(controls.subarray((c0 + c) * LEVERS.length, (c0 + c + 1) * LEVERS.length));
        applyControl(X, n, control, batch.subarray(c * n * N_FEATURES, (c + 1) * n * N_FEATURES));
      }
      const raw = await inputs.p50.onnx.predict(batch, count * n);
      for (let c = 0; c < count; c++) {
        let total = 0;
        for (let i = 0; i < n; i++) total += Math.fround(Math.max(0, raw[c * n + i]! * scales[i]!));
        out[c0 + c] = total;
      }
    }
    return out;
  };
}

/** Price factors of the partial-dependence curve: −30 % … +30 % of each day's price. */
const PRICE_FACTORS = Array.from({ length: 13 }, (_, k) => 0.7 + k * 0.05);

/** The served forecast over the rows at other prices, everything else as planned (partial dependence on price). */
export async function priceCurve(inputs: VersionInputs, X: Float32Array, scales: readonly number[]) {
  const controls = new Float32Array(PRICE_FACTORS.length * LEVERS.length);
  PRICE_FACTORS.forEach((factor, k) => controls.set([factor, ...NO_CHANGE.slice(1)], k * LEVERS.length));
  const forecast = await controlPredictor(inputs, X, scales)(controls, PRICE_FACTORS.length);
  return PRICE_FACTORS.map((factor, k) => ({ priceChange: Math.round((factor - 1) * 100) / 100, forecast: forecast[k]! }));
}
