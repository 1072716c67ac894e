import { describe, expect, it } from "vitest";
import { encodeCategoricals, predict, trainGbdt } from "../gbdt";
import type { GbdtModel, Tree } from "../gbdt";
import { syntheticData } from "../gbdt/synthetic-data.fixture";
import { expectedValue, treeShap, treeShapRow } from "./index";

/** E[f(x) | x_S] under the path-dependent rule: features outside S follow both children, weighted by cover. */
function conditionalExpectation(tree: Tree, x: Float32Array, inCoalition: (feature: number) => boolean, node = 0): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const left = tree.left[node]!;
  const right = tree.right[node]!;
  if (inCoalition(f)) {
    const v = x[f]!;
    const goLeft = Number.isNaN(v) ? tree.defaultLeft[node]! : v <= tree.threshold[node]!;
    return conditionalExpectation(tree, x, inCoalition, goLeft ? left : right);
  }
  return (
    (tree.cover[left]! * conditionalExpectation(tree, x, inCoalition, left) + tree.cover[right]! * conditionalExpectation(tree, x, inCoalition, right)) /
    tree.cover[node]!
  );
}

/** Shapley values by enumerating all 2^M coalitions. */
function bruteForceShapley(model: GbdtModel, rawRow: Float32Array): Float64Array {
  const m = model.nFeatures;
  const x = encodeCategoricals({ data: rawRow, nRows: 1, nFeatures: m }, model.categorical).data;
  const value = (mask: number) =>
    model.trees.reduce((sum, tree) => sum + conditionalExpectation(tree, x, (f) => (mask & (1 << f)) !== 0), model.baseScore);
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const phi = new Float64Array(m);
  for (let mask = 0; mask < 1 << m; mask++) {
    const size = popcount(mask);
    for (let i = 0; i < m; i++) {
      if (mask & (1 << i)) continue;
      phi[i] = phi[i]! + ((factorial(size) * factorial(m - size - 1)) / factorial(m)) * (value(mask | (1 << i)) - value(mask));
    }
  }
  return phi;
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
}

const small = syntheticData(1500, { nFeatures: 6, seed: 11, missingRate: 0.2 });

describe("treeShap", () => {
  const models: Array<[string, GbdtModel]> = [
    ["L2", trainGbdt(small.x, small.y, { nTrees: 15, maxDepth: 5, categoricalFeatures: [3], colSubsample: 0.8, seed: 3 }).model],
    ["quantile", trainGbdt(small.x, small.y, { nTrees: 10, maxDepth: 4, loss: { kind: "quantile", alpha: 0.9 } }).model],
  ];

  it.each(models)("equals brute-force Shapley values on small trees (%s)", (_, model) => {
    for (let r = 0; r < 25; r++) {
      const row = small.x.data.subarray(r * 6, (r + 1) * 6);
      const { values } = treeShapRow(model, row);
      const expected = bruteForceShapley(model, row);
      for (let f = 0; f < 6; f++) expect(values[f]).toBeCloseTo(expected[f]!, 9);
    }
  });

  it.each(models)("sums to prediction − expected value on every row (%s)", (_, model) => {
    const { values, expectedValue: base } = treeShap(model, small.x);
    expect(base).toBeCloseTo(bruteForceShapleyBase(model), 9);
    const pred = predict(model, small.x);
    for (let r = 0; r < small.x.nRows; r++) {
      const sum = values.subarray(r * 6, (r + 1) * 6).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - (pred[r]! - base))).toBeLessThan(1e-4);
    }
  });

  it("sums correctly on a wider, deeper model with repeated features on paths", () => {
    const wide = syntheticData(2000, { nFeatures: 12, seed: 5 });
    const { model } = trainGbdt(wide.x, wide.y, { nTrees: 40, maxDepth: 8, minChildWeight: 5 });
    const rows = { data: wide.x.data.subarray(0, 400 * 12), nRows: 400, nFeatures: 12 };
    const { values, expectedValue: base } = treeShap(model, rows);
    const pred = predict(model, rows);
    let worst = 0;
    for (let r = 0; r < rows.nRows; r++) {
      const sum = values.subarray(r * 12, (r + 1) * 12).reduce((a, b) => a + b, 0);
      worst = Math.max(worst, Math.abs(sum - (pred[r]! - base)));
    }
    expect(worst).toBeLessThan(1e-4);
    // Pure-noise features get far less credit than the signal features.
    const meanAbs = (f: number) => values.filter((_, i) => i % 12 === f).reduce((a, b) => a + Math.abs(b), 0) / rows.nRows;
    expect(meanAbs(0)).toBeGreaterThan(10 * meanAbs(11));
  });
});

function bruteForceShapleyBase(model: GbdtModel): number {
  const x = new Float32Array(model.nFeatures);
  return model.trees.reduce((sum, tree) => sum + conditionalExpectation(tree, x, () => false), model.baseScore);
}

describe("expectedValue", () => {
  it("is the cover-weighted mean of the training predictions for L2 without subsampling", () => {
    const { model } = trainGbdt(small.x, small.y, { nTrees: 5, maxDepth: 3 });
    const pred = predict(model, small.x);
    expect(expectedValue(model)).toBeCloseTo(pred.reduce((a, b) => a + b, 0) / pred.length, 9);
  });
});
