import { describe, expect, it } from "vitest";
import { parseModel, predict, serializeModel, trainGbdt } from "./index";
import type { FeatureMatrix, Tree } from "./index";
import { leafIndex } from "./predict";
import { rmse, syntheticData } from "./synthetic-data.fixture";

const train = syntheticData(4000, { seed: 1 });
const test = syntheticData(2000, { seed: 2 });
const base = { nTrees: 60, maxDepth: 5, learningRate: 0.2, categoricalFeatures: [3] };

function nodesReached(tree: Tree, x: FeatureMatrix): number[] {
  const counts = tree.feature.map(() => 0);
  for (let r = 0; r < x.nRows; r++) {
    let node = 0;
    counts[0]!++;
    while (tree.feature[node]! >= 0) {
      const v = x.data[r * x.nFeatures + tree.feature[node]!]!;
      node = (Number.isNaN(v) ? tree.defaultLeft[node] : v <= tree.threshold[node]!) ? tree.left[node]! : tree.right[node]!;
      counts[node]!++;
    }
  }
  return counts;
}

describe("trainGbdt (L2)", () => {
  const { model } = trainGbdt(train.x, train.y, base);

  it("fits a nonlinear target with missing values and a categorical feature", () => {
    const constant = rmse(new Float64Array(test.y.length).fill(model.baseScore), test.y);
    expect(rmse(predict(model, test.x), test.y)).toBeLessThan(0.2 * constant);
  });

  it("sends missing values where they belong", () => {
    const rows = [0.1, 0.5, Number.NaN].map((x2) => [0, 0, x2, 0, 0, 0]).flat();
    const [low, high, missing] = predict(model, { data: Float32Array.from(rows), nRows: 3, nFeatures: 6 });
    expect(high! - low!).toBeGreaterThan(1.5);
    expect(missing! - high!).toBeGreaterThan(0.3);
  });

  it("orders categories by target mean and treats unseen ones as missing", () => {
    expect(model.categorical).toEqual([{ feature: 3, categories: [40, 20, 0, 50, 30, 10] }]);
    const unseen = predict(model, { data: Float32Array.from([0, 0, 0.5, 999, 0, 0]), nRows: 1, nFeatures: 6 });
    expect(Number.isFinite(unseen[0])).toBe(true);
  });

  it("uses float32 thresholds, and node covers equal the training rows reaching each node", () => {
    const encoded = { ...train.x, data: train.x.data.slice() };
    const rank = new Map(model.categorical[0]!.categories.map((c, i) => [c, i]));
    for (let r = 0; r < encoded.nRows; r++) encoded.data[r * 6 + 3] = rank.get(encoded.data[r * 6 + 3]!)!;
    for (const tree of model.trees.slice(0, 10)) {
      expect(tree.threshold.every((t) => Math.fround(t) === t)).toBe(true);
      expect(nodesReached(tree, encoded)).toEqual(tree.cover);
    }
  });

  it("is deterministic and gives the same trees with one or two threads", () => {
    const options = { ...base, nTrees: 10, rowSubsample: 0.7, colSubsample: 0.6, seed: 7 };
    const one = trainGbdt(train.x, train.y, { ...options, threads: 1 }).model;
    const again = trainGbdt(train.x, train.y, { ...options, threads: 1 }).model;
    const two = trainGbdt(train.x, train.y, { ...options, threads: 2 }).model;
    expect(serializeModel(again)).toBe(serializeModel(one));
    expect(serializeModel(two)).toBe(serializeModel(one));
    const other = trainGbdt(train.x, train.y, { ...options, seed: 8 }).model;
    expect(serializeModel(other)).not.toBe(serializeModel(one));
  });

  it("round-trips through JSON and rejects a corrupt model", () => {
    const parsed = parseModel(serializeModel(model));
    expect(predict(parsed, test.x)).toEqual(predict(model, test.x));
    const broken = JSON.parse(serializeModel(model));
    broken.trees[0].left[0] = 0;
    expect(() => parseModel(JSON.stringify(broken))).toThrow(/tree 0: node 0 child 0/);
  });
});

describe("tree shape limits", () => {
  it("respects maxLeaves, maxDepth and minChildWeight", () => {
    const { model } = trainGbdt(train.x, train.y, { nTrees: 5, maxDepth: 8, maxLeaves: 7, minChildWeight: 50 });
    for (const tree of model.trees) {
      const leaves = tree.feature.flatMap((f, i) => (f === -1 ? [i] : []));
      expect(leaves.length).toBeLessThanOrEqual(7);
      expect(Math.min(...leaves.map((i) => tree.cover[i]!))).toBeGreaterThanOrEqual(50);
    }
    const shallow = trainGbdt(train.x, train.y, { nTrees: 3, maxDepth: 2 }).model;
    for (const tree of shallow.trees) {
      for (let r = 0; r < 50; r++) expect(depthOf(tree, leafIndex(tree, train.x.data, r * 6))).toBeLessThanOrEqual(2);
    }
  });
});

function depthOf(tree: Tree, node: number): number {
  let depth = 0;
  for (let child = node; child !== 0; depth++) child = tree.left.indexOf(child) >= 0 ? tree.left.indexOf(child) : tree.right.indexOf(child);
  return depth;
}

describe("quantile loss", () => {
  it.each([0.1, 0.5, 0.9])("covers about alpha = %s of held-out targets", (alpha) => {
    const noisy = syntheticData(4000, { seed: 3, noise: 4 });
    const heldOut = syntheticData(3000, { seed: 4, noise: 4 });
    // Leaves big enough that their residual quantiles generalise.
    const options = { ...base, maxDepth: 4, minChildWeight: 40, learningRate: 0.1 };
    const { model } = trainGbdt(noisy.x, noisy.y, { ...options, loss: { kind: "quantile", alpha } });
    const pred = predict(model, heldOut.x);
    const below = heldOut.y.filter((y, i) => y <= pred[i]!).length / heldOut.y.length;
    expect(Math.abs(below - alpha)).toBeLessThan(0.03);
  });
});

describe("early stopping", () => {
  it("stops after `patience` rounds without improvement and keeps the best round", () => {
    const { model, validationLoss } = trainGbdt(train.x, train.y, {
      ...base,
      nTrees: 500,
      learningRate: 0.5,
      validation: { x: test.x, y: test.y },
      earlyStoppingRounds: 5,
    });
    const best = validationLoss.indexOf(Math.min(...validationLoss)) + 1;
    expect(validationLoss.length).toBeLessThan(500);
    expect(validationLoss.length).toBe(best + 5);
    expect(model.trees.length).toBe(best);
    expect(rmse(predict(model, test.x), test.y)).toBeCloseTo(validationLoss[best - 1]!, 6);
  });

  it("rejects bad options with a clear message", () => {
    expect(() => trainGbdt(train.x, train.y, { earlyStoppingRounds: 3 })).toThrow(/needs a validation set/);
    expect(() => trainGbdt(train.x, train.y.subarray(1))).toThrow(/targets for/);
    expect(() => trainGbdt(train.x, train.y, { loss: { kind: "quantile", alpha: 1 } })).toThrow(/alpha/);
  });
});
