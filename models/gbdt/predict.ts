import { encodeCategoricals } from "./categorical";
import { inverseLink } from "./losses";
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

/** Raw score (sum of the trees' outputs; log of the mean for Tweedie) for rows whose categoricals are already encoded as ranks. */
export function predictEncoded(model: GbdtModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.nRows).fill(model.baseScore);
  for (const tree of model.trees) {
    for (let r = 0; r < x.nRows; r++) out[r] = out[r]! + tree.value[leafIndex(tree, x.data, r * x.nFeatures)]!;
  }
  return out;
}

/**
 * Reference evaluation of the ensemble on raw features. Product predictions run through the ONNX
 * export; this exists to check it (and for tests and early stopping). Tweedie models predict the
 * mean, exp of the raw score; `predictRaw` gives the raw score (what TreeSHAP explains).
 */
export function predict(model: GbdtModel, x: FeatureMatrix): Float64Array {
  const raw = predictRaw(model, x);
  if (model.loss.kind === "tweedie") for (let r = 0; r < raw.length; r++) raw[r] = inverseLink(model.loss, raw[r]!);
  return raw;
}

/** Raw scores on raw features (categoricals encoded here). */
export function predictRaw(model: GbdtModel, x: FeatureMatrix): Float64Array {
  if (x.nFeatures !== model.nFeatures) throw new Error(`model expects ${model.nFeatures} features, got ${x.nFeatures}`);
  return predictEncoded(model, encodeCategoricals(x, model.categorical));
}
