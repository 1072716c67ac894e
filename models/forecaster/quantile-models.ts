import { buildTrainingRows, trainingOrigins } from "@/models/features";
import type { TrainingSet } from "@/models/features";
import type { Panel } from "@/models/data";
import { predict, trainGbdt } from "@/models/gbdt";
import type { FeatureMatrix, GbdtModel, TrainOptions } from "@/models/gbdt";
import { fitIntervalCalibration, NO_CALIBRATION } from "./interval-calibration";
import type { IntervalCalibration } from "./interval-calibration";

export const QUANTILES = { p10: 0.1, p50: 0.5, p90: 0.9 } as const;
export type QuantileName = keyof typeof QUANTILES;

/** Tree parameters shared by the three quantile models. */
export type GbdtParams = Pick<TrainOptions, "nTrees" | "learningRate" | "maxDepth" | "minChildWeight" | "lambda" | "rowSubsample" | "colSubsample" | "earlyStoppingRounds"> & {
  /** Cap on training rows, drawn at random from all (series, origin, h) rows. */
  maxRows: number;
  /** Days between training origins. */
  originStep: number;
};

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  nTrees: 200,
  learningRate: 0.08,
  maxDepth: 6,
  minChildWeight: 20,
  lambda: 1,
  rowSubsample: 0.8,
  colSubsample: 0.9,
  earlyStoppingRounds: 20,
  maxRows: 120_000,
  originStep: 7,
};

export type QuantileModels = {
  models: Record<QuantileName, GbdtModel>;
  /** Interval stretch fitted on the validation origins (no calibration without them). */
  calibration: IntervalCalibration;
  featureNames: readonly string[];
  trainRows: number;
  trainSeconds: number;
};

/** Rows whose origin is before `cut` train; the rest validate (early stopping on later origins, as in use). */
function splitByOrigin(set: TrainingSet, cut: number): { train: FeatureMatrix & { y: Float32Array }; validation: FeatureMatrix & { y: Float32Array } } {
  const pick = (keep: (r: number) => boolean) => {
    const rows: number[] = [];
    for (let r = 0; r < set.nRows; r++) if (keep(r)) rows.push(r);
    const data = new Float32Array(rows.length * set.nFeatures);
    const y = new Float32Array(rows.length);
    rows.forEach((r, i) => {
      data.set(set.X.subarray(r * set.nFeatures, (r + 1) * set.nFeatures), i * set.nFeatures);
      y[i] = set.yScaled[r]!;
    });
    return { data, nRows: rows.length, nFeatures: set.nFeatures, y };
  };
  return { train: pick((r) => set.origin[r]! < cut), validation: pick((r) => set.origin[r]! >= cut) };
}

/**
 * Trains the P10/P50/P90 models on everything known up to day `until` (pinball loss each), with
 * early stopping on the most recent origins so the number of trees fits this tenant's data; the
 * same held-out origins calibrate the P10–P90 band to cover 80%.
 */
export function trainQuantileModels(panel: Panel, options: { until: number; horizon: number; params?: Partial<GbdtParams>; seed?: number }): QuantileModels {
  const params = { ...DEFAULT_GBDT_PARAMS, ...options.params };
  const started = performance.now();
  const origins = trainingOrigins(panel, { until: options.until, step: params.originStep });
  const set = buildTrainingRows(panel, { origins, horizon: options.horizon, until: options.until, maxRows: params.maxRows, seed: options.seed ?? 1 });
  if (set.nRows < 100) throw new Error(`only ${set.nRows} usable training rows up to day ${options.until}; need at least 100`);
  // Origins in the last horizon-length window validate; the trees never see them.
  const cut = options.until - 2 * options.horizon;
  const { train, validation } = splitByOrigin(set, cut);
  const useValidation = validation.nRows >= 50 && train.nRows >= 100;
  const fit = (alpha: number) =>
    trainGbdt(useValidation ? train : { data: set.X, nRows: set.nRows, nFeatures: set.nFeatures }, useValidation ? train.y : set.yScaled, {
      ...params,
      loss: { kind: "quantile", alpha },
      categoricalFeatures: [...set.categorical],
      seed: options.seed ?? 1,
      ...(useValidation ? { validation: { x: validation, y: validation.y } } : { earlyStoppingRounds: undefined }),
    }).model;
  const models = { p10: fit(QUANTILES.p10), p50: fit(QUANTILES.p50), p90: fit(QUANTILES.p90) };
  // Scaled units are fine for coverage: every row's scale is positive, so who is inside stays the same.
  const calibration = useValidation
    ? fitIntervalCalibration(validation.y, predict(models.p10, validation), predict(models.p50, validation), predict(models.p90, validation))
    : NO_CALIBRATION;
  return { models, calibration, featureNames: set.featureNames, trainRows: set.nRows, trainSeconds: (performance.now() - started) / 1000 };
}
