import { buildTrainingRows, trainingOrigins } from "@/models/features";
import type { FeatureSet, TrainingSet } from "@/models/features";
import type { Panel } from "@/models/data";
import { predict, trainGbdt } from "@/models/gbdt";
import type { FeatureMatrix, GbdtModel, TrainOptions } from "@/models/gbdt";
import { fitIntervalCalibration, NO_CALIBRATION } from "./interval-calibration";
import type { IntervalCalibration } from "./interval-calibration";
import type { HeldOut } from "./class-combination";

export const QUANTILES = { p10: 0.1, p50: 0.5, p90: 0.9 } as const;
export type QuantileName = keyof typeof QUANTILES;

/** Tree parameters shared by the three quantile models. */
export type GbdtParams = Pick<TrainOptions, "nTrees" | "learningRate" | "maxDepth" | "minChildWeight" | "lambda" | "rowSubsample" | "colSubsample" | "earlyStoppingRounds"> & {
  /** Cap on training rows, drawn at random from all (series, origin, h) rows. */
  maxRows: number;
  /** Days between training origins. */
  originStep: number;
  /**
   * Also train a mean model (Tweedie GBDT, log link) whose forecast is the point forecast; the
   * quantile models keep the interval. On in production: the registry stores it as the `mean` artifact.
   */
  meanModel: boolean;
  /** Features of every model: "intermittent" adds Croston's decomposition and the demand class (models/features/intermittent.ts). */
  featureSet: FeatureSet;
  /** Serve each demand class by whichever of the model's mean, a classical method or their average did best on the held-out validation rows (needs `meanModel`). */
  combineByClass: boolean;
  /** Tweedie variance powers tried for the mean model; the one with the lowest validation squared error wins. */
  tweediePowers: readonly number[];
  /** Monotone constraints by feature name (−1: the forecast never rises with it); other features are free. */
  monotoneFeatures: Readonly<Partial<Record<string, -1 | 1>>>;
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
  meanModel: true,
  featureSet: "base",
  combineByClass: false,
  tweediePowers: [1.2, 1.5],
  // Own-price response must not rise with the net price the customer pays (models/pricing reads it).
  monotoneFeatures: { target_price: -1, target_price_rel: -1 },
};

/** What early stopping saw: the chronological split and the tree count it chose per quantile. */
export type EarlyStopping = { cut: number; trainRows: number; validationRows: number; trees: Record<QuantileName, number> };

/** The mean model and how its Tweedie power was chosen (validation mean squared error in scaled units per power tried). */
export type MeanModel = {
  model: GbdtModel;
  power: number;
  trees: number;
  validationMse: Record<string, number> | null;
  /** The chosen power's split model on the held-out validation rows (null without a split). */
  heldOut: HeldOut | null;
};

export type QuantileModels = {
  /** Refit on every training row with the tree counts early stopping chose. */
  models: Record<QuantileName, GbdtModel>;
  /** The mean forecast's model, when `meanModel` was asked for. */
  mean: MeanModel | null;
  /** Interval stretch fitted on the held-out validation rows (no calibration without them). */
  calibration: IntervalCalibration;
  /** Null when there were too few rows on either side of the cut to hold any out. */
  earlyStopping: EarlyStopping | null;
  featureNames: readonly string[];
  /** Inference rows for these models must be built with the same feature set. */
  featureSet: FeatureSet;
  trainRows: number;
  trainSeconds: number;
};

/** Name of the mean model's artifact beside the quantiles' in the registry and the shipped demo models. */
export const MEAN_MODEL_NAME = "mean";

/** Every served model's trees by artifact name (p10, p50, p90, and mean when trained): stored beside the ONNX files for TreeSHAP. */
export function servedTrees(trained: QuantileModels): Record<string, GbdtModel> {
  return trained.mean ? { ...trained.models, [MEAN_MODEL_NAME]: trained.mean.model } : { ...trained.models };
}

/** The trainer's per-column constraint array from constraints by feature name. */
export function monotoneColumns(featureNames: readonly string[], byName: GbdtParams["monotoneFeatures"]): number[] {
  return featureNames.map((name) => byName[name] ?? 0);
}

type Rows = FeatureMatrix & { y: Float32Array; rows: Int32Array };

function pickRows(set: TrainingSet, keep: (r: number) => boolean): Rows {
  const rows: number[] = [];
  for (let r = 0; r < set.nRows; r++) if (keep(r)) rows.push(r);
  const data = new Float32Array(rows.length * set.nFeatures);
  const y = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    data.set(set.X.subarray(r * set.nFeatures, (r + 1) * set.nFeatures), i * set.nFeatures);
    y[i] = set.yScaled[r]!;
  });
  return { data, nRows: rows.length, nFeatures: set.nFeatures, y, rows: Int32Array.from(rows) };
}

/**
 * Chronological split at day `cut`: training rows have their target on or before `cut`, validation
 * rows are forecasts from origins at or after it, so every validation target (origin + h > cut) is
 * later than every training target, and validation scores what use looks like: forecasting days
 * the trees never saw as targets. Rows from an earlier origin whose target crosses the cut are in
 * neither part (the refit on everything uses them).
 */
export function chronologicalSplit(set: TrainingSet, cut: number): { train: Rows; validation: Rows } {
  return { train: pickRows(set, (r) => set.origin[r]! + set.h[r]! <= cut), validation: pickRows(set, (r) => set.origin[r]! >= cut) };
}

/**
 * Trains the P10/P50/P90 models on everything known up to day `until` (pinball loss each). The
 * number of trees is chosen by early stopping on a chronological split (the last two horizons of
 * origins validate; see `chronologicalSplit`); then each model is refit on all rows with that many
 * trees. The held-out validation predictions of the split models calibrate the P10–P90 band to
 * cover 80%: the refit models have seen those rows, so their own predictions would flatter the band.
 */
export function trainQuantileModels(panel: Panel, options: { until: number; horizon: number; params?: Partial<GbdtParams>; seed?: number }): QuantileModels {
  const params = { ...DEFAULT_GBDT_PARAMS, ...options.params };
  const started = performance.now();
  const seed = options.seed ?? 1;
  const origins = trainingOrigins(panel, { until: options.until, step: params.originStep });
  const set = buildTrainingRows(panel, { origins, horizon: options.horizon, until: options.until, maxRows: params.maxRows, seed, featureSet: params.featureSet });
  if (set.nRows < 100) throw new Error(`only ${set.nRows} usable training rows up to day ${options.until}; need at least 100`);
  const all = { data: set.X, nRows: set.nRows, nFeatures: set.nFeatures };
  const trainOptions = { ...params, categoricalFeatures: [...set.categorical], monotone: monotoneColumns(set.featureNames, params.monotoneFeatures), seed };
  const fit = (x: FeatureMatrix, y: Float32Array, alpha: number, extra: Partial<TrainOptions>) =>
    trainGbdt(x, y, { ...trainOptions, loss: { kind: "quantile", alpha }, ...extra }).model;
  const fitMean = (x: FeatureMatrix, y: Float32Array, power: number, extra: Partial<TrainOptions>) =>
    trainGbdt(x, y, { ...trainOptions, loss: { kind: "tweedie", power }, ...extra }).model;
  const names = Object.keys(QUANTILES) as QuantileName[];
  const noEarlyStopping = { earlyStoppingRounds: undefined };

  const cut = options.until - 2 * options.horizon;
  const { train, validation } = chronologicalSplit(set, cut);
  if (validation.nRows < 50 || train.nRows < 100) {
    const models = Object.fromEntries(names.map((q) => [q, fit(all, set.yScaled, QUANTILES[q], noEarlyStopping)])) as Record<QuantileName, GbdtModel>;
    const power = params.tweediePowers[0]!;
    const meanModel = params.meanModel ? fitMean(all, set.yScaled, power, noEarlyStopping) : null;
    const mean = meanModel && { model: meanModel, power, trees: meanModel.trees.length, validationMse: null, heldOut: null };
    return { models, mean, calibration: NO_CALIBRATION, earlyStopping: null, featureNames: set.featureNames, featureSet: params.featureSet, trainRows: set.nRows, trainSeconds: (performance.now() - started) / 1000 };
  }
  const stopped = Object.fromEntries(names.map((q) => [q, fit(train, train.y, QUANTILES[q], { validation: { x: validation, y: validation.y } })])) as Record<QuantileName, GbdtModel>;
  // Scaled units are fine for coverage: every row's scale is positive, so who is inside stays the same.
  const calibration = fitIntervalCalibration(validation.y, predict(stopped.p10, validation), predict(stopped.p50, validation), predict(stopped.p90, validation));
  const trees = Object.fromEntries(names.map((q) => [q, Math.max(1, stopped[q].trees.length)])) as Record<QuantileName, number>;
  const models = Object.fromEntries(names.map((q) => [q, fit(all, set.yScaled, QUANTILES[q], { ...noEarlyStopping, nTrees: trees[q] })])) as Record<QuantileName, GbdtModel>;
  const mean = params.meanModel ? chooseMeanModel(params.tweediePowers, (power, x, y, extra) => fitMean(x, y, power, extra), { all, y: set.yScaled }, train, validation, set) : null;
  return {
    models,
    mean,
    calibration,
    earlyStopping: { cut, trainRows: train.nRows, validationRows: validation.nRows, trees },
    featureNames: set.featureNames,
    featureSet: params.featureSet,
    trainRows: set.nRows,
    trainSeconds: (performance.now() - started) / 1000,
  };
}

type FitMean = (power: number, x: FeatureMatrix, y: Float32Array, extra: Partial<TrainOptions>) => GbdtModel;

/**
 * Early-stops one Tweedie model per power on the chronological split, keeps the power whose
 * validation mean has the lowest squared error (what RMSSE and sums reward; the likelihoods of
 * different powers are not comparable), then refits it on all rows with the tree count it chose.
 */
function chooseMeanModel(powers: readonly number[], fitMean: FitMean, all: { all: FeatureMatrix; y: Float32Array }, train: Rows, validation: Rows, set: TrainingSet): MeanModel {
  const validationMse: Record<string, number> = {};
  let best: { power: number; trees: number; mse: number; predicted: Float64Array } | null = null;
  for (const power of powers) {
    const stopped = fitMean(power, train, train.y, { validation: { x: validation, y: validation.y } });
    const predicted = predict(stopped, validation);
    let sum = 0;
    for (let i = 0; i < validation.nRows; i++) sum += (predicted[i]! - validation.y[i]!) ** 2;
    const mse = sum / validation.nRows;
    validationMse[String(power)] = mse;
    if (!best || mse < best.mse) best = { power, trees: Math.max(1, stopped.trees.length), mse, predicted };
  }
  if (!best) throw new Error("tweediePowers must list at least one power");
  const rows = validation.rows;
  const scale = Float32Array.from(rows, (r) => set.scale[r]!);
  const heldOut: HeldOut = {
    series: Int32Array.from(rows, (r) => set.series[r]!),
    origin: Int32Array.from(rows, (r) => set.origin[r]!),
    h: Int32Array.from(rows, (r) => set.h[r]!),
    actual: Float32Array.from(rows, (r, i) => validation.y[i]! * scale[i]!),
    mean: Float32Array.from(best.predicted, (v, i) => v * scale[i]!),
  };
  return { model: fitMean(best.power, all.all, all.y, { earlyStoppingRounds: undefined, nTrees: best.trees }), power: best.power, trees: best.trees, validationMse, heldOut };
}
