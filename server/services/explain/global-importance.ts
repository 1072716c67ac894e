import "server-only";
import { FEATURE_NAMES, N_FEATURES } from "@/models/features";
import { DRIVER_GROUPS, DRIVER_LABELS, FEATURE_INFO, treeShap } from "@/models/xai";
import type { DriverGroup } from "@/models/xai";
import type { VersionInputs } from "./version-inputs";

/** Rows sampled for the global picture: enough for stable shares, small enough to stay under a second. */
const SAMPLE_ROWS = 500;

const computed = new WeakMap<VersionInputs, GlobalImportance>();

export type GlobalImportance = { group: DriverGroup; label: string; meanAbsUnits: number; share: number }[];

/**
 * How much each driver moves the model's forecasts on average: mean |SHAP| in units per driver
 * over an even sample of the version's forecast rows, and its share of the total. Per version,
 * computed once.
 */
export function globalImportance(inputs: VersionInputs): GlobalImportance {
  const hit = computed.get(inputs);
  if (hit) return hit;
  const { rows } = inputs;
  const step = Math.max(1, Math.floor(rows.nRows / SAMPLE_ROWS));
  const picked = Array.from({ length: Math.ceil(rows.nRows / step) }, (_, k) => k * step).filter((r) => r < rows.nRows);
  const X = new Float32Array(picked.length * N_FEATURES);
  picked.forEach((r, i) => X.set(rows.X.subarray(r * N_FEATURES, (r + 1) * N_FEATURES), i * N_FEATURES));
  const shap = treeShap(inputs.p50.trees, { data: X, nRows: picked.length, nFeatures: N_FEATURES });
  const sums = new Map<DriverGroup, number>(DRIVER_GROUPS.map((g) => [g, 0]));
  picked.forEach((r, i) => {
    const perGroup = new Map<DriverGroup, number>();
    FEATURE_NAMES.forEach((f, j) => perGroup.set(FEATURE_INFO[f].group, (perGroup.get(FEATURE_INFO[f].group) ?? 0) + shap.values[i * N_FEATURES + j]! * rows.scale[r]!));
    perGroup.forEach((v, g) => sums.set(g, sums.get(g)! + Math.abs(v)));
  });
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const result = DRIVER_GROUPS.map((group) => ({ group, label: DRIVER_LABELS[group], meanAbsUnits: sums.get(group)! / picked.length, share: total > 0 ? sums.get(group)! / total : 0 })).sort(
    (a, b) => b.meanAbsUnits - a.meanAbsUnits,
  );
  computed.set(inputs, result);
  return result;
}
