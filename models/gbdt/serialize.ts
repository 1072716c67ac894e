import type { GbdtModel, Tree } from "./types";

/** JSON text of a model; `parseModel` reads it back. */
export function serializeModel(model: GbdtModel): string {
  return JSON.stringify(model);
}

/** Parses and checks a serialised model, so a corrupt artifact fails here rather than at predict time. */
export function parseModel(json: string): GbdtModel {
  const model = JSON.parse(json) as GbdtModel;
  const fail = (message: string): never => {
    throw new Error(`invalid GBDT model: ${message}`);
  };
  if (!model || typeof model !== "object") fail("not an object");
  if (!Number.isInteger(model.nFeatures) || model.nFeatures < 1) fail("nFeatures");
  if (!Number.isFinite(model.baseScore)) fail("baseScore");
  const loss = model.loss;
  const lossOk = loss?.kind === "l2" || (loss?.kind === "quantile" && loss.alpha > 0 && loss.alpha < 1) || (loss?.kind === "tweedie" && loss.power >= 1 && loss.power < 2);
  if (!lossOk) fail("loss");
  if (!Array.isArray(model.trees)) fail("trees");
  if (!Array.isArray(model.categorical)) fail("categorical");
  if (!Number.isInteger(model.bestIteration)) fail("bestIteration");
  for (const { feature, categories } of model.categorical) {
    if (!Number.isInteger(feature) || feature < 0 || feature >= model.nFeatures) fail(`categorical feature ${feature}`);
    if (!Array.isArray(categories) || !categories.every(Number.isFinite)) fail(`categories of feature ${feature}`);
  }
  model.trees.forEach((tree, t) => checkTree(tree, model.nFeatures, (message) => fail(`tree ${t}: ${message}`)));
  return model;
}

function checkTree(tree: Tree, nFeatures: number, fail: (message: string) => never): void {
  const n = tree.feature?.length ?? 0;
  if (n === 0) fail("no nodes");
  for (const key of ["threshold", "left", "right", "value", "defaultLeft", "cover"] as const) {
    if (!Array.isArray(tree[key]) || tree[key].length !== n) fail(`${key} must have ${n} entries`);
  }
  const parents = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    if (!Number.isFinite(tree.value[i]) || !Number.isFinite(tree.cover[i]) || typeof tree.defaultLeft[i] !== "boolean") fail(`node ${i} values`);
    if (f === -1) continue;
    if (!Number.isInteger(f) || f < 0 || f >= nFeatures) fail(`node ${i} feature ${f}`);
    if (!Number.isFinite(tree.threshold[i]) || Math.fround(tree.threshold[i]!) !== tree.threshold[i]) fail(`node ${i} threshold is not a finite float32`);
    // Children after their parent rule out cycles; one parent per node keeps it a tree (TreeSHAP relies on it).
    for (const child of [tree.left[i]!, tree.right[i]!]) {
      if (!Number.isInteger(child) || child <= i || child >= n || parents[child] !== 0) fail(`node ${i} child ${child}`);
      parents[child] = 1;
    }
  }
}
