import { pointForecaster } from "./point-forecaster";
import type { PointMethod, PointModel } from "./point-forecaster";

const ALPHAS = [0.05, 0.1, 0.2, 0.3];
const BETAS = [0.02, 0.05, 0.1, 0.2];
/** Days TSB's initial probability and size are read from (the same warm-up the interval errors skip). */
const INIT_DAYS = 28;

interface Path {
  /** Flat forecast made at the end of each day. */
  path: Float64Array;
  /** In-sample one-step squared error, which picks the smoothing weights. */
  sse: number;
}

const pathModel = (path: Float64Array): PointModel => ({ at: (d) => path[d]! });

function bestOf(candidates: Path[]): PointModel {
  return pathModel(candidates.reduce((a, b) => (b.sse < a.sse ? b : a)).path);
}

/**
 * Croston: demand sizes z and intervals p between demands are smoothed separately, forecast z / p.
 * Unknown days are skipped (they neither count as an interval nor as a demand). Forecast 0 before any demand.
 */
export function crostonPath(y: Float64Array, alpha: number): Path {
  const path = new Float64Array(y.length);
  let size = 0;
  let interval = 0;
  let sinceDemand = 0;
  let forecast = 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (!Number.isNaN(v)) {
      sse += (v - forecast) * (v - forecast);
      sinceDemand++;
      if (v > 0) {
        if (interval === 0) {
          size = v;
          interval = sinceDemand;
        } else {
          size += alpha * (v - size);
          interval += alpha * (sinceDemand - interval);
        }
        sinceDemand = 0;
        forecast = size / interval;
      }
    }
    path[t] = forecast;
  }
  return { path, sse };
}

/**
 * TSB (Teunter–Syntetos–Babai): the demand probability is smoothed every day, so a series that
 * stopped selling decays towards 0 instead of keeping its last rate as Croston does. Forecast p × z.
 */
export function tsbPath(y: Float64Array, alpha: number, beta: number): Path {
  let demands = 0;
  let known = 0;
  let total = 0;
  for (const v of y.subarray(0, INIT_DAYS)) {
    if (Number.isNaN(v)) continue;
    known++;
    if (v > 0) {
      demands++;
      total += v;
    }
  }
  // Starting from the first weeks' averages rather than 0 keeps the early path meaningful.
  let probability = known > 0 ? demands / known : 0;
  let size = demands > 0 ? total / demands : 0;
  const path = new Float64Array(y.length);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const v = y[t]!;
    if (!Number.isNaN(v)) {
      const forecast = probability * size;
      sse += (v - forecast) * (v - forecast);
      probability += beta * ((v > 0 ? 1 : 0) - probability);
      if (v > 0) size += alpha * (v - size);
    }
    path[t] = probability * size;
  }
  return { path, sse };
}

export const crostonMethod: PointMethod = (y) => bestOf(ALPHAS.map((a) => crostonPath(y, a)));
export const tsbMethod: PointMethod = (y) => bestOf(ALPHAS.flatMap((a) => BETAS.map((b) => tsbPath(y, a, b))));

export const croston = () => pointForecaster("croston", crostonMethod);
export const tsb = () => pointForecaster("tsb", tsbMethod);
