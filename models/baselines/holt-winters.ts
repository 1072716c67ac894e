import { movingAverageMethod } from "./moving-average";
import { meanOf, pointForecaster } from "./point-forecaster";
import type { PointMethod, PointModel } from "./point-forecaster";

const PERIOD = 7;
/** Grid over smoothing weights: small enough to fit thousands of series in a second, wide enough for slow and fast series. */
const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35];
const BETAS = [0, 0.02];
const GAMMAS = [0.02, 0.05, 0.1, 0.2];
const PHIS = [0.9, 0.98];
/** The weights are chosen on the last year only: recent behaviour matters most, and it halves the cost. */
const FIT_DAYS = 364;
/** Two weeks are the least that separates level from weekly pattern. */
const MIN_DAYS = 2 * PERIOD;

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface States {
  level: Float64Array;
  trend: Float64Array;
  /** Seasonal term of day d's weekday after the update at d. */
  season: Float64Array;
  initialSeason: Float64Array;
  sse: number;
}

/** Level = mean of the first four weeks, trend 0, season = weekday means minus that level. */
function initialState(y: Float64Array): { level: number; season: Float64Array } {
  const span = Math.min(y.length, 4 * PERIOD);
  const level = meanOf(y, 0, span - 1);
  const season = new Float64Array(PERIOD);
  for (let w = 0; w < PERIOD; w++) {
    let sum = 0;
    let n = 0;
    for (let d = w; d < span; d += PERIOD) {
      if (Number.isNaN(y[d]!)) continue;
      sum += y[d]!;
      n++;
    }
    season[w] = n > 0 ? sum / n - level : 0;
  }
  return { level: Number.isNaN(level) ? 0 : level, season };
}

/** Lead (days) of the in-sample errors that choose the weights: a week ahead, like the forecasts served. */
export const FIT_LEAD = 7;

/**
 * Additive damped-trend Holt-Winters with a weekly season (ETS(A,Ad,A)). Unknown days advance the
 * state without an update, as if the forecast had been observed. `sse` sums the squared errors of
 * the FIT_LEAD-step forecasts: one-step errors reward chasing promotions and noise, which hurts at
 * the horizons that matter.
 */
function run(y: Float64Array, p: HoltWintersParams, keep: boolean): States {
  const n = y.length;
  const init = initialState(y);
  const season = init.season.slice();
  const size = keep ? n : 0;
  const out: States = { level: new Float64Array(size), trend: new Float64Array(size), season: new Float64Array(size), initialSeason: init.season, sse: 0 };
  // Forecast for day t made at t − FIT_LEAD, kept in a ring buffer.
  const ahead = new Float64Array(FIT_LEAD).fill(Number.NaN);
  let leadSum = 0;
  for (let i = 1, f = p.phi; i <= FIT_LEAD; i++, f *= p.phi) leadSum += f;
  let level = init.level;
  let trend = 0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const w = t % PERIOD;
    const s = season[w]!;
    const damped = p.phi * trend;
    const v = y[t]!;
    const slot = t % FIT_LEAD;
    if (!Number.isNaN(v) && t >= 2 * PERIOD && !Number.isNaN(ahead[slot]!)) sse += (v - ahead[slot]!) ** 2;
    if (Number.isNaN(v)) {
      level += damped;
      trend = damped;
    } else {
      const next = p.alpha * (v - s) + (1 - p.alpha) * (level + damped);
      trend = p.beta * (next - level) + (1 - p.beta) * damped;
      level = next;
      season[w] = p.gamma * (v - level) + (1 - p.gamma) * s;
    }
    // FIT_LEAD is a multiple of the period, so day t + FIT_LEAD shares t's weekday and season.
    ahead[slot] = level + leadSum * trend + season[w]!;
    if (keep) {
      out.level[t] = level;
      out.trend[t] = trend;
      out.season[t] = season[w]!;
    }
  }
  out.sse = sse;
  return out;
}

/** Smoothing weights with the least in-sample week-ahead squared error over the grid. */
export function fitHoltWinters(y: Float64Array): HoltWintersParams {
  let best: HoltWintersParams = { alpha: 0.1, beta: 0, gamma: 0.1, phi: 0.98 };
  let bestSse = Infinity;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS)
        for (const phi of PHIS) {
          const params = { alpha, beta, gamma, phi };
          const { sse } = run(y, params, false);
          if (sse < bestSse) {
            bestSse = sse;
            best = params;
          }
        }
  return best;
}

export function holtWintersModel(y: Float64Array, params: HoltWintersParams): PointModel {
  const st = run(y, params, true);
  return {
    at(d, h) {
      let dampedSum = 0;
      for (let i = 1, f = params.phi; i <= h; i++, f *= params.phi) dampedSum += f;
      // The latest estimate of the target's weekday at or before d.
      const j = d + h - PERIOD * Math.ceil(h / PERIOD);
      const season = j >= 0 ? st.season[j]! : st.initialSeason[((j % PERIOD) + PERIOD) % PERIOD]!;
      return st.level[d]! + dampedSum * st.trend[d]! + season;
    },
  };
}

/** Too-short histories fall back to a 28-day moving average. */
export const holtWintersMethod: PointMethod = (y) => (y.length < MIN_DAYS ? movingAverageMethod(28)(y) : holtWintersModel(y, fitHoltWinters(y.subarray(Math.max(0, y.length - FIT_DAYS)))));

export const holtWinters = () => pointForecaster("holt_winters", holtWintersMethod);
