import { encodeCategoricals } from "./categorical";
import type { FeatureMatrix, GbdtModel, Tree } from "./types";

/** Leaf id reached by the row starting at data[offset]; NaN follows the node's default direction. */
export function leafIndex(tree: Tree, data: ArrayLike<number>, offset: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = data[offset + tree.feature[node]!]!;
    const goLeft = Number.isNaN(v) ? tree.defaultLeft[node]! : v <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

/** Sum of the trees' outputs for rows whose categoricals are already encoded as ranks. */
export function predictEncoded(model: GbdtModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.nRows).fill(model.baseScore);
  for (const tree of model.trees) {
    for (let r = 0; r < x.nRows; r++) out[r] = out[r]! + tree.value[leafIndex(tree, x.data, r * x.nFeatures)]!;
  }
  return out;
}

/**
 * Reference evaluation of the ensemble on raw features. Product predictions run through the ONNX
 * export; this exists to check it (and for tests and early stopping).
 */
export function predict(model: GbdtModel, x: FeatureMatrix): Float64Array {
  if (x.nFeatures !== model.nFeatures) throw new Error(`model expects ${model.nFeatures} features, got ${x.nFeatures}`);
  return predictEncoded(model, encodeCategoricals(x, model.categorical));
}
