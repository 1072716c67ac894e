import { encodeCategoricals } from "../gbdt";
import type { FeatureMatrix, GbdtModel, Tree } from "../gbdt";

export interface ShapExplanation {
  /** Row-major nRows × nFeatures contributions; each row sums to prediction − expectedValue. */
  values: Float64Array;
  /** Mean prediction under the trees' training distribution (cover-weighted leaves plus base score). */
  expectedValue: number;
  nRows: number;
  nFeatures: number;
}

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) in O(leaves · depth²) per
 * tree and row. Absent features follow both children weighted by the node covers; missing
 * values follow the split's default direction, as in prediction.
 */
export function treeShap(model: GbdtModel, x: FeatureMatrix): ShapExplanation {
  if (x.nFeatures !== model.nFeatures) throw new Error(`model expects ${model.nFeatures} features, got ${x.nFeatures}`);
  const encoded = encodeCategoricals(x, model.categorical);
  const values = new Float64Array(x.nRows * x.nFeatures);
  const maxDepth = Math.max(0, ...model.trees.map(treeDepth));
  const path = new PathStore((maxDepth + 2) * (maxDepth + 3) / 2);
  for (let r = 0; r < x.nRows; r++) {
    const row = encoded.data.subarray(r * x.nFeatures, (r + 1) * x.nFeatures);
    const phi = values.subarray(r * x.nFeatures, (r + 1) * x.nFeatures);
    for (const tree of model.trees) recurse(tree, row, phi, path, 0, 0, 0, 1, 1, -1);
  }
  return { values, expectedValue: expectedValue(model), nRows: x.nRows, nFeatures: x.nFeatures };
}

/** Contributions of a single row. */
export function treeShapRow(model: GbdtModel, row: Float32Array): { values: Float64Array; expectedValue: number } {
  const { values, expectedValue: base } = treeShap(model, { data: row, nRows: 1, nFeatures: row.length });
  return { values, expectedValue: base };
}

export function expectedValue(model: GbdtModel): number {
  let sum = model.baseScore;
  for (const tree of model.trees) {
    tree.feature.forEach((feature, i) => {
      if (feature < 0) sum += (tree.value[i]! * tree.cover[i]!) / tree.cover[0]!;
    });
  }
  return sum;
}

function treeDepth(tree: Tree): number {
  const depthOf = (node: number): number => (tree.feature[node]! < 0 ? 0 : 1 + Math.max(depthOf(tree.left[node]!), depthOf(tree.right[node]!)));
  return depthOf(0);
}

/**
 * The "unique path" m of the paper: one element per feature split on so far, stored as
 * consecutive segments (one per recursion level) so that a child copies its parent's path.
 */
class PathStore {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  constructor(size: number) {
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

function recurse(
  tree: Tree,
  x: Float32Array,
  phi: Float64Array,
  p: PathStore,
  node: number,
  parentStart: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  // This level's path starts after the parent's `depth` elements and is a copy of them.
  const start = parentStart + depth;
  // Paths are a few elements long: a plain loop beats four copyWithin calls.
  for (let i = 0; i < depth; i++) {
    p.feature[start + i] = p.feature[parentStart + i]!;
    p.zero[start + i] = p.zero[parentStart + i]!;
    p.one[start + i] = p.one[parentStart + i]!;
    p.weight[start + i] = p.weight[parentStart + i]!;
  }
  extendPath(p, start, depth, zeroFraction, oneFraction, feature);
  const split = tree.feature[node]!;
  if (split < 0) {
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(p, start, depth, i);
      const f = p.feature[start + i]!;
      phi[f] = phi[f]! + w * (p.one[start + i]! - p.zero[start + i]!) * tree.value[node]!;
    }
    return;
  }
  const v = x[split]!;
  const goesLeft = Number.isNaN(v) ? tree.defaultLeft[node]! : v <= tree.threshold[node]!;
  const hot = goesLeft ? tree.left[node]! : tree.right[node]!;
  const cold = goesLeft ? tree.right[node]! : tree.left[node]!;
  const cover = tree.cover[node]!;
  let incomingZero = 1;
  let incomingOne = 1;
  let nextDepth = depth;
  // A feature split on earlier in the path is unwound and re-added here, so it counts once.
  for (let i = 0; i <= depth; i++) {
    if (p.feature[start + i] !== split) continue;
    incomingZero = p.zero[start + i]!;
    incomingOne = p.one[start + i]!;
    unwindPath(p, start, depth, i);
    nextDepth = depth - 1;
    break;
  }
  recurse(tree, x, phi, p, hot, start, nextDepth + 1, (tree.cover[hot]! / cover) * incomingZero, incomingOne, split);
  recurse(tree, x, phi, p, cold, start, nextDepth + 1, (tree.cover[cold]! / cover) * incomingZero, 0, split);
}

function extendPath(p: PathStore, start: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
  const w = p.weight;
  p.feature[start + depth] = feature;
  p.zero[start + depth] = zeroFraction;
  p.one[start + depth] = oneFraction;
  w[start + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    w[start + i + 1] = w[start + i + 1]! + (oneFraction * w[start + i]! * (i + 1)) / (depth + 1);
    w[start + i] = (zeroFraction * w[start + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: PathStore, start: number, depth: number, index: number): void {
  const w = p.weight;
  const one = p.one[start + index]!;
  const zero = p.zero[start + index]!;
  let next = w[start + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const previous = w[start + i]!;
      w[start + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = previous - (w[start + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      w[start + i] = (w[start + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[start + i] = p.feature[start + i + 1]!;
    p.zero[start + i] = p.zero[start + i + 1]!;
    p.one[start + i] = p.one[start + i + 1]!;
  }
}

/** Total weight of the path with element `index` unwound, without modifying the path. */
function unwoundPathSum(p: PathStore, start: number, depth: number, index: number): number {
  const w = p.weight;
  const one = p.one[start + index]!;
  const zero = p.zero[start + index]!;
  let next = w[start + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = w[start + i]! - (tmp * zero * (depth - i)) / (depth + 1);
    } else {
      total += (w[start + i]! / zero) * ((depth + 1) / (depth - i));
    }
  }
  return total;
}
