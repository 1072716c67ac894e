import { binMatrix, computeBinCuts, MAX_BINS } from "./binning";
import type { BinCuts } from "./binning";
import { encodeCategoricals, learnCategoricalEncodings } from "./categorical";
import { availableParallelism } from "node:os";
import { growTree } from "./grow-tree";
import { enforceMonotone } from "./monotone";
import type { Leaf } from "./grow-tree";
import { baseScoreFor, computeGradients, evaluateLoss, quantileOf } from "./losses";
import { leafIndex } from "./predict";
import { mulberry32 } from "../util";
import { sampleIndices } from "./random";
import { RowShards } from "./row-shards";
import type { CategoricalEncoding, FeatureMatrix, GbdtModel, Loss, Tree } from "./types";

/** Training options; every field has a default. */
export interface TrainOptions {
  /** `{ kind: "l2" }` (default), `{ kind: "quantile", alpha }` with alpha in (0, 1), or `{ kind: "tweedie", power }` with power in [1, 2) and targets ≥ 0. */
  loss?: Loss;
  /** Boosting rounds (default 100). */
  nTrees?: number;
  /** Shrinkage applied to every leaf (default 0.1). */
  learningRate?: number;
  /** Maximum depth (default 6); growth is level by level. */
  maxDepth?: number;
  /** Maximum leaves per tree (default unlimited); when a level would exceed it, the highest-gain splits win. */
  maxLeaves?: number;
  /** Minimum hessian sum (= rows for L2 and quantile) in each child (default 1). */
  minChildWeight?: number;
  /** L2 regularisation of leaf values (default 1). */
  lambda?: number;
  /** Minimum gain for a split (default 0). */
  minSplitGain?: number;
  /** Quantile bins per feature, at most 255 (default 255); missing values get their own bin. */
  maxBins?: number;
  /** Fraction of rows sampled without replacement for each tree (default 1). */
  rowSubsample?: number;
  /** Fraction of features sampled for each tree (default 1). */
  colSubsample?: number;
  /** Seed for binning samples and row/column subsampling (default 0). */
  seed?: number;
  /** Columns holding category codes; they are ordered by mean target and split as ranks. */
  categoricalFeatures?: number[];
  /**
   * Monotone constraint per feature column: −1 (prediction never rises with the feature), +1
   * (never falls), 0 free; shorter arrays leave the rest free. Must not name categorical columns.
   */
  monotone?: readonly number[];
  /**
   * Threads for partitioning and histograms: 1, or 2 to add a worker thread. Results are identical
   * either way. Default: 2 when the machine has two cores and there are at least 50,000 rows
   * (below that, starting the worker costs more than it saves).
   */
  threads?: 1 | 2;
  /** Held-out rows for early stopping. */
  validation?: { x: FeatureMatrix; y: Float32Array };
  /** Stop after this many rounds without a better validation loss, keeping the best round (needs `validation`). */
  earlyStoppingRounds?: number;
}

export interface TrainResult {
  model: GbdtModel;
  /** Validation loss after each round (RMSE for L2, mean pinball loss for quantile, mean negative log-likelihood for Tweedie); empty without validation. */
  validationLoss: number[];
}

export function trainGbdt(x: FeatureMatrix, y: Float32Array, options: TrainOptions = {}): TrainResult {
  const o = resolveOptions(options, x, y);
  const categorical = learnCategoricalEncodings(x, y, o.categoricalFeatures);
  const encoded = encodeCategoricals(x, categorical);
  const cuts = computeBinCuts(encoded, o.maxBins, o.seed);
  const binned = binMatrix(encoded, cuts, o.threads > 1);
  const shards = new RowShards(binned, o.threads);
  try {
    return boost({ o, y, x: encoded, cuts, shards, categorical });
  } finally {
    shards.close();
  }
}

interface BoostInputs {
  o: ResolvedOptions;
  y: Float32Array;
  /** Training features with categoricals encoded as ranks. */
  x: FeatureMatrix;
  cuts: BinCuts;
  shards: RowShards;
  categorical: CategoricalEncoding[];
}

function boost({ o, y, x, cuts, shards, categorical }: BoostInputs): TrainResult {
  const n = x.nRows;
  const baseScore = baseScoreFor(o.loss, y);
  const pred = new Float64Array(n).fill(baseScore);
  const histogramPool: Float64Array[] = [];
  const validation = o.validation && { x: encodeCategoricals(o.validation.x, categorical), y: o.validation.y };
  const validationPred = validation && new Float64Array(validation.x.nRows).fill(baseScore);
  const validationLoss: number[] = [];
  const random = mulberry32(o.seed);
  const sampleSize = Math.max(1, Math.round(n * o.rowSubsample));
  const featureCount = Math.max(1, Math.round(x.nFeatures * o.colSubsample));
  const trees: Tree[] = [];
  let bestIteration = 0;
  let bestLoss = Infinity;
  for (let round = 0; round < o.nTrees; round++) {
    computeGradients(o.loss, y, pred, shards.grad, shards.hess);
    const sample = sampleIndices(n, sampleSize, random);
    const features = Int32Array.from(sampleIndices(x.nFeatures, featureCount, random));
    const { tree, leaves } = growTree(shards, sample, features, cuts, o, histogramPool);
    setLeafValues(tree, leaves, shards.rows, o, y, pred);
    enforceMonotone(tree, o.monotone);
    trees.push(tree);
    addTreeToTrainingPredictions(tree, leaves, shards.rows, sampleSize, x, pred);
    if (!validation || !validationPred) continue;
    for (let r = 0; r < validation.x.nRows; r++) validationPred[r] = validationPred[r]! + tree.value[leafIndex(tree, validation.x.data, r * x.nFeatures)]!;
    const loss = evaluateLoss(o.loss, validation.y, validationPred);
    validationLoss.push(loss);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestIteration = round + 1;
    } else if (o.earlyStoppingRounds !== undefined && round + 1 - bestIteration >= o.earlyStoppingRounds) {
      break;
    }
  }
  const kept = validation && o.earlyStoppingRounds !== undefined ? bestIteration : trees.length;
  return {
    model: { nFeatures: x.nFeatures, loss: o.loss, baseScore, trees: trees.slice(0, kept), categorical, bestIteration: kept },
    validationLoss,
  };
}

type ResolvedOptions = Required<Omit<TrainOptions, "validation" | "earlyStoppingRounds">> & Pick<TrainOptions, "validation" | "earlyStoppingRounds">;

function resolveOptions(options: TrainOptions, x: FeatureMatrix, y: Float32Array): ResolvedOptions {
  const o: ResolvedOptions = {
    loss: { kind: "l2" },
    nTrees: 100,
    learningRate: 0.1,
    maxDepth: 6,
    maxLeaves: Infinity,
    minChildWeight: 1,
    lambda: 1,
    minSplitGain: 0,
    maxBins: MAX_BINS,
    rowSubsample: 1,
    colSubsample: 1,
    seed: 0,
    categoricalFeatures: [],
    monotone: [],
    threads: x.nRows >= 50_000 && availableParallelism() >= 2 ? 2 : 1,
    ...options,
  };
  const fail = (message: string): never => {
    throw new Error(`trainGbdt: ${message}`);
  };
  if (x.data.length !== x.nRows * x.nFeatures) fail(`feature data has ${x.data.length} values, expected ${x.nRows} × ${x.nFeatures}`);
  if (y.length !== x.nRows) fail(`${y.length} targets for ${x.nRows} rows`);
  if (x.nRows === 0) fail("no training rows");
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) fail(`target ${i} is not finite`);
  if (o.loss.kind === "quantile" && !(o.loss.alpha > 0 && o.loss.alpha < 1)) fail("quantile alpha must be in (0, 1)");
  if (o.loss.kind === "tweedie") {
    if (!(o.loss.power >= 1 && o.loss.power < 2)) fail("tweedie power must be in [1, 2)");
    for (let i = 0; i < y.length; i++) if (y[i]! < 0) fail(`target ${i} is negative (tweedie needs targets ≥ 0)`);
  }
  if (!(o.rowSubsample > 0 && o.rowSubsample <= 1)) fail("rowSubsample must be in (0, 1]");
  if (!(o.colSubsample > 0 && o.colSubsample <= 1)) fail("colSubsample must be in (0, 1]");
  if (!(o.maxDepth >= 1) && !Number.isFinite(o.maxLeaves)) fail("set maxDepth or maxLeaves");
  if (!(o.maxLeaves >= 2)) fail("maxLeaves must be at least 2");
  if (!(Number.isInteger(o.nTrees) && o.nTrees >= 1)) fail("nTrees must be a positive integer");
  if (!(o.learningRate > 0)) fail("learningRate must be positive");
  if (!(o.lambda >= 0)) fail("lambda must be non-negative");
  // Every node must have rows behind it: TreeSHAP divides by node covers.
  if (!(o.minChildWeight > 0)) fail("minChildWeight must be positive");
  if (o.monotone.length > x.nFeatures) fail(`monotone lists ${o.monotone.length} features, the data has ${x.nFeatures}`);
  o.monotone.forEach((d, f) => {
    if (d !== -1 && d !== 0 && d !== 1) fail(`monotone[${f}] must be −1, 0 or 1`);
    if (d !== 0 && o.categoricalFeatures.includes(f)) fail(`feature ${f} is categorical and cannot be monotone`);
  });
  if (o.validation && o.validation.x.nFeatures !== x.nFeatures) fail("validation features do not match training features");
  if (o.earlyStoppingRounds !== undefined && !o.validation) fail("earlyStoppingRounds needs a validation set");
  return o;
}

/**
 * L2 and Tweedie leaves take the regularised Newton step −G/(H+λ) (for Tweedie on the log scale). Quantile leaves take the alpha-quantile of
 * the leaf's residuals (as LightGBM does): the gradient sign only chose the splits, and the
 * quantile is the exact pinball-loss minimiser within the leaf (λ does not apply to it).
 */
function setLeafValues(tree: Tree, leaves: Leaf[], rows: Uint32Array, o: ResolvedOptions, y: Float32Array, pred: Float64Array): void {
  for (const leaf of leaves) {
    let value: number;
    if (o.loss.kind !== "quantile") {
      value = -leaf.grad / (leaf.hess + o.lambda);
    } else {
      const [start0, end0, start1, end1] = leaf.rows;
      const residuals = new Float64Array(end0 - start0 + end1 - start1);
      let m = 0;
      for (const [start, end] of [[start0, end0], [start1, end1]] as const) {
        for (let i = start; i < end; i++) residuals[m++] = y[rows[i]!]! - pred[rows[i]!]!;
      }
      value = quantileOf(residuals, o.loss.alpha);
    }
    tree.value[leaf.node] = o.learningRate * value;
  }
}

function addTreeToTrainingPredictions(tree: Tree, leaves: Leaf[], rows: Uint32Array, sampleSize: number, x: FeatureMatrix, pred: Float64Array): void {
  if (sampleSize === x.nRows) {
    // Every row is in the sample, so the leaf ranges already say where each row landed.
    for (const leaf of leaves) {
      const value = tree.value[leaf.node]!;
      const [start0, end0, start1, end1] = leaf.rows;
      for (let i = start0; i < end0; i++) pred[rows[i]!] = pred[rows[i]!]! + value;
      for (let i = start1; i < end1; i++) pred[rows[i]!] = pred[rows[i]!]! + value;
    }
    return;
  }
  for (let r = 0; r < x.nRows; r++) pred[r] = pred[r]! + tree.value[leafIndex(tree, x.data, r * x.nFeatures)]!;
}
