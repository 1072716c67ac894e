import type { Loss } from "./types";

/** Writes gradients and hessians of the loss at the current predictions. */
export function computeGradients(loss: Loss, y: Float32Array, pred: Float64Array, grad: Float32Array, hess: Float32Array): void {
  const n = y.length;
  if (loss.kind === "l2") {
    for (let i = 0; i < n; i++) grad[i] = pred[i]! - y[i]!;
  } else {
    // Pinball loss: its derivative is a step; the hessian is taken as 1 so the tree splits on gradient sums.
    const { alpha } = loss;
    for (let i = 0; i < n; i++) grad[i] = y[i]! < pred[i]! ? 1 - alpha : y[i]! > pred[i]! ? -alpha : 0;
  }
  hess.fill(1);
}

/** Constant prediction minimising the loss: the mean for L2, the alpha-quantile for pinball. */
export function baseScoreFor(loss: Loss, y: Float32Array): number {
  if (loss.kind === "quantile") return quantileOf(Float64Array.from(y), loss.alpha);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i]!;
  return y.length === 0 ? 0 : sum / y.length;
}

/** Lower alpha-quantile (sorts `values` in place): the smallest v with at least alpha of the values <= v. */
export function quantileOf(values: Float64Array, alpha: number): number {
  if (values.length === 0) return 0;
  values.sort();
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(alpha * values.length) - 1))]!;
}

/** Mean loss, used for early stopping: squared error (reported as RMSE) or pinball loss. */
export function evaluateLoss(loss: Loss, y: Float32Array, pred: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const residual = y[i]! - pred[i]!;
    sum += loss.kind === "l2" ? residual * residual : residual >= 0 ? loss.alpha * residual : (loss.alpha - 1) * residual;
  }
  const mean = sum / Math.max(1, y.length);
  return loss.kind === "l2" ? Math.sqrt(mean) : mean;
}
