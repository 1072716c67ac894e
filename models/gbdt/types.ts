/**
 * One regression tree as parallel arrays indexed by node id (node 0 is the root).
 * Leaves have `feature === -1` and `left === right === -1`. A row goes left when
 * `x[feature] <= threshold`, or when `x[feature]` is NaN and `defaultLeft` is set.
 * Thresholds are float32 values so the same comparison holds in onnxruntime.
 */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Output of the node when it is a leaf (learning rate already applied); 0 for internal nodes. */
  value: number[];
  defaultLeft: boolean[];
  /** Hessian sum of the training rows that reached the node (row count for L2 and quantile). TreeSHAP weights by it. */
  cover: number[];
}

/**
 * `tweedie`: count/mean objective on the log link (raw score = log of the mean; power 1 = Poisson,
 * powers in (1, 2) for zero-heavy sales). Predictions are exp(raw score).
 */
export type Loss = { kind: "l2" } | { kind: "quantile"; alpha: number } | { kind: "tweedie"; power: number };

/**
 * A categorical feature is trained on the rank of its category in `categories`, which lists the
 * training categories by ascending mean target. Unseen categories become missing (NaN).
 * Ranks keep splits numeric, so the ONNX export stays an exact threshold ensemble.
 */
export interface CategoricalEncoding {
  feature: number;
  categories: number[];
}

export interface GbdtModel {
  nFeatures: number;
  loss: Loss;
  baseScore: number;
  trees: Tree[];
  categorical: CategoricalEncoding[];
  /** Number of boosting rounds kept (the best validation round when early stopping ran). */
  bestIteration: number;
}

/** A dense row-major matrix of float32 features; NaN means missing. */
export interface FeatureMatrix {
  data: Float32Array;
  nRows: number;
  nFeatures: number;
}
