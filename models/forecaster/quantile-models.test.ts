import { describe, expect, it } from "vitest";
import { makeSyntheticPanel } from "@/models/data";
import { buildTrainingRows, trainingOrigins } from "@/models/features";
import { trainGbdt } from "@/models/gbdt";
import { chronologicalSplit, DEFAULT_GBDT_PARAMS, monotoneColumns, QUANTILES, trainQuantileModels } from "./quantile-models";
import type { QuantileName } from "./quantile-models";

const HORIZON = 14;
const PARAMS = { nTrees: 150, learningRate: 0.3, maxRows: 6_000, earlyStoppingRounds: 5 };
const panel = makeSyntheticPanel({ stores: 2, items: 5, days: 360, seed: 11 });
const until = panel.nDays - 1;

describe("validation split of the quantile models", () => {
  it("puts every validation target after every training target", () => {
    const set = buildTrainingRows(panel, { origins: trainingOrigins(panel, { until, step: 7 }), horizon: HORIZON, until });
    const cut = until - 2 * HORIZON;
    const { train, validation } = chronologicalSplit(set, cut);
    const target = (r: number) => set.origin[r]! + set.h[r]!;
    const trainTargets = Array.from(train.rows, target);
    const validationTargets = Array.from(validation.rows, target);
    expect(train.nRows).toBeGreaterThan(1000);
    expect(validation.nRows).toBeGreaterThan(100);
    expect(Math.max(...trainTargets)).toBeLessThan(Math.min(...validationTargets));
    // As dates too: the last training target day is before the first validation target day.
    expect(panel.dates[Math.max(...trainTargets)]! < panel.dates[Math.min(...validationTargets)]!).toBe(true);
    // The rows carry their own features and targets.
    const r = validation.rows[0]!;
    expect(validation.y[0]).toBe(set.yScaled[r]);
    expect(Array.from(validation.data.subarray(0, set.nFeatures))).toEqual(Array.from(set.X.subarray(r * set.nFeatures, (r + 1) * set.nFeatures)));
  });

  it("refits on all rows with the tree count early stopping chose on the split", () => {
    const trained = trainQuantileModels(panel, { until, horizon: HORIZON, params: PARAMS, seed: 3 });
    const stopping = trained.earlyStopping!;
    expect(stopping).not.toBeNull();
    expect(stopping.trainRows + stopping.validationRows).toBeLessThan(trained.trainRows);

    // Early stopping on the same split, run here by hand, picks the same count for P50.
    const params = { ...DEFAULT_GBDT_PARAMS, ...PARAMS };
    const set = buildTrainingRows(panel, { origins: trainingOrigins(panel, { until, step: params.originStep }), horizon: HORIZON, until, maxRows: params.maxRows, seed: 3 });
    const { train, validation } = chronologicalSplit(set, stopping.cut);
    const byHand = trainGbdt(train, train.y, { ...params, loss: { kind: "quantile", alpha: 0.5 }, categoricalFeatures: [...set.categorical], monotone: monotoneColumns(set.featureNames, params.monotoneFeatures), seed: 3, validation: { x: validation, y: validation.y } });
    expect(stopping.trees.p50).toBe(byHand.model.trees.length);
    expect(stopping.trees.p50).toBeLessThan(PARAMS.nTrees);

    for (const q of Object.keys(QUANTILES) as QuantileName[]) {
      const model = trained.models[q];
      expect(model.trees).toHaveLength(stopping.trees[q]);
      // Each refit tree grew on a row sample of ALL training rows, not of the split's training part.
      expect(model.trees[0]!.cover[0]).toBe(Math.round(trained.trainRows * (params.rowSubsample ?? 1)));
    }
  }, 60_000);
});
