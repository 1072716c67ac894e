import { describe, expect, it } from "vitest";
import { predict, trainGbdt } from "../gbdt";
import { syntheticData } from "../gbdt/synthetic-data.fixture";
import { findCounterfactual } from "./index";
import type { ControllableFeature } from "./index";

const data = syntheticData(3000, { seed: 21 });
const { model } = trainGbdt(data.x, data.y, { nTrees: 30, maxDepth: 4, categoricalFeatures: [3] });
const row = data.x.data.slice(0, 6);
row[2] = 0.5;
const predictOne = (r: Float32Array) => predict(model, { data: r, nRows: 1, nFeatures: 6 })[0]!;
const controllable: ControllableFeature[] = [
  { feature: 0, min: -1, max: 1 },
  { feature: 1, min: -1, max: 1 },
];

describe("findCounterfactual", () => {
  it("returns the smallest change reaching the target, checked against a dense grid", async () => {
    const current = predictOne(row);
    const target = current + 2;
    const result = await findCounterfactual(model, row, { controllable, target, direction: "increase" });
    if (!result.found) throw new Error(result.reason);
    expect(result.search).toBe("exact");
    expect(result.prediction).toBeGreaterThanOrEqual(target);
    expect(predictOne(result.row)).toBe(result.prediction);
    expect(result.changes.every(({ feature }) => feature === 0 || feature === 1)).toBe(true);
    const distance = result.changes.reduce((sum, { from, to }) => sum + Math.abs(to - from) / 2, 0);
    expect(distance).toBeCloseTo(result.distance, 12);
    const steps = 150;
    const grid = new Float32Array((steps + 1) ** 2 * 6);
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const at = (i * (steps + 1) + j) * 6;
        grid.set(row, at);
        grid[at] = -1 + (2 * i) / steps;
        grid[at + 1] = -1 + (2 * j) / steps;
      }
    }
    const pred = predict(model, { data: grid, nRows: (steps + 1) ** 2, nFeatures: 6 });
    for (let k = 0; k < pred.length; k++) {
      if (pred[k]! < target) continue;
      const d = (Math.abs(grid[k * 6]! - row[0]!) + Math.abs(grid[k * 6 + 1]! - row[1]!)) / 2;
      expect(d).toBeGreaterThanOrEqual(result.distance - 1e-9);
    }
  });

  it("reports honestly when the target is out of reach", async () => {
    const result = await findCounterfactual(model, row, { controllable, target: 1000, direction: "increase" });
    expect(result).toMatchObject({ found: false, search: "exact" });
    if (result.found) return;
    expect(result.reason).toMatch(/no values of the controllable features/);
    expect(result.bestPrediction).toBeLessThan(1000);
  });

  it("changes nothing when the prediction already meets the target", async () => {
    const result = await findCounterfactual(model, row, { controllable, target: predictOne(row) + 1, direction: "decrease" });
    expect(result).toMatchObject({ found: true, changes: [], distance: 0 });
  });

  it("works with a black-box predictor on a step grid, and with the greedy search", async () => {
    const linear = (x: Float32Array, n: number) => Array.from({ length: n }, (_, r) => 2 * x[r * 3]! + x[r * 3 + 1]!);
    const start = Float32Array.of(0, 0, 5);
    const options = {
      controllable: [
        { feature: 0, min: 0, max: 10, step: 0.5 },
        { feature: 1, min: 0, max: 10, step: 0.5 },
      ],
      target: 3,
      direction: "increase" as const,
    };
    const exact = await findCounterfactual(linear, start, options);
    expect(exact).toMatchObject({ found: true, search: "grid", changes: [{ feature: 0, from: 0, to: 1.5 }], distance: 0.15 });
    const greedy = await findCounterfactual(linear, start, { ...options, maxEvaluations: 10 });
    expect(greedy).toMatchObject({ found: true, search: "greedy" });
    if (greedy.found) expect(greedy.prediction).toBeGreaterThanOrEqual(3);
  });

  it("treats categorical controllables as their training categories", async () => {
    const inCategoryZero = row.slice();
    inCategoryZero[3] = 0;
    const target = predictOne(inCategoryZero) + 1.5;
    const result = await findCounterfactual(model, inCategoryZero, { controllable: [{ feature: 3, min: 0, max: 50 }], target, direction: "increase" });
    // Category 10 carries the largest effect (+2.5) and is also the closest code.
    expect(result).toMatchObject({ found: true, changes: [{ feature: 3, from: 0, to: 10 }] });
  });

  it("rejects malformed requests", async () => {
    await expect(findCounterfactual(model, row, { controllable: [], target: 1, direction: "increase" })).rejects.toThrow(/at least one/);
    await expect(findCounterfactual(model, row, { controllable: [{ feature: 9, min: 0, max: 1 }], target: 1, direction: "increase" })).rejects.toThrow(/out of range/);
  });
});
