import type { Loss } from "./types";

/**
 * Tweedie with log link: the model's raw score F is log μ. Power 1 is Poisson; powers in (1, 2)
 * are compound Poisson–gamma (a point mass at zero plus a continuous part), the usual choice for
 * intermittent sales.
 */
const isLogLink = (loss: Loss): loss is Extract<Loss, { kind: "tweedie" }> => loss.kind === "tweedie";

/** Raw score → prediction: exp for the log link (the mean), identity otherwise. */
export function inverseLink(loss: Loss, raw: number): number {
  return isLogLink(loss) ? Math.exp(raw) : raw;
}

/**
 * Writes gradients and hessians of the loss at the current raw scores. Tweedie (power p, log link),
 * from its negative log-likelihood −y·e^{(1−p)F}/(1−p) + e^{(2−p)F}/(2−p):
 * gradient −y·e^{(1−p)F} + e^{(2−p)F}, hessian −(1−p)·y·e^{(1−p)F} + (2−p)·e^{(2−p)F} (positive for p in [1, 2)).
 */
export function computeGradients(loss: Loss, y: Float32Array, pred: Float64Array, grad: Float32Array, hess: Float32Array): void {
  const n = y.length;
  if (loss.kind === "l2") {
    for (let i = 0; i < n; i++) grad[i] = pred[i]! - y[i]!;
  } else if (loss.kind === "tweedie") {
    const p = loss.power;
    for (let i = 0; i < n; i++) {
      const a = y[i]! * Math.exp((1 - p) * pred[i]!);
      const b = Math.exp((2 - p) * pred[i]!);
      grad[i] = b - a;
      hess[i] = (2 - p) * b - (1 - p) * a;
    }
    return;
  } else {
    // Pinball loss: its derivative is a step; the hessian is taken as 1 so the tree splits on gradient sums.
    const { alpha } = loss;
    for (let i = 0; i < n; i++) grad[i] = y[i]! < pred[i]! ? 1 - alpha : y[i]! > pred[i]! ? -alpha : 0;
  }
  hess.fill(1);
}

/** Lowest raw score of a log-link model's start: a series of all zeros would otherwise start at log 0. */
const MIN_LOG_MEAN = Math.log(1e-6);

/** Constant raw score minimising the loss: the mean for L2, the alpha-quantile for pinball, log of the mean for Tweedie. */
export function baseScoreFor(loss: Loss, y: Float32Array): number {
  if (loss.kind === "quantile") return quantileOf(Float64Array.from(y), loss.alpha);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i]!;
  const mean = y.length === 0 ? 0 : sum / y.length;
  return isLogLink(loss) ? Math.max(MIN_LOG_MEAN, Math.log(mean)) : mean;
}

/** Lower alpha-quantile (sorts `values` in place): the smallest v with at least alpha of the values <= v. */
export function quantileOf(values: Float64Array, alpha: number): number {
  if (values.length === 0) return 0;
  values.sort();
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(alpha * values.length) - 1))]!;
}

/** Negative log-likelihood of one Tweedie observation at raw score f (up to terms without f). */
export function tweedieLoss(power: number, y: number, f: number): number {
  if (power === 1) return Math.exp(f) - y * f;
  return (-y * Math.exp((1 - power) * f)) / (1 - power) + Math.exp((2 - power) * f) / (2 - power);
}

/** Mean loss of raw scores, used for early stopping: squared error (reported as RMSE), pinball loss or Tweedie negative log-likelihood. */
export function evaluateLoss(loss: Loss, y: Float32Array, pred: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    if (loss.kind === "tweedie") {
      sum += tweedieLoss(loss.power, y[i]!, pred[i]!);
      continue;
    }
    const residual = y[i]! - pred[i]!;
    sum += loss.kind === "l2" ? residual * residual : residual >= 0 ? loss.alpha * residual : (loss.alpha - 1) * residual;
  }
  const mean = sum / Math.max(1, y.length);
  return loss.kind === "l2" ? Math.sqrt(mean) : mean;
}
