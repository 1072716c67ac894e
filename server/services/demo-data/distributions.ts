import "server-only";
import type { Rng } from "./prng";

/** Standard normal (Box–Muller; one of the pair is dropped to keep the stream simple). */
function sampleNormal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) is not an option
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, scale 1), Marsaglia–Tsang; shapes below 1 via the U^(1/shape) boost. */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const LOG_FACTORIALS = [0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101, 8.525161361065415, 10.60460290274525, 12.801827480081469];

/** log(k!) exactly for small k, Stirling's series beyond (error < 1e-10 there). */
function logFactorial(k: number): number {
  const exact = LOG_FACTORIALS[k];
  if (exact !== undefined) return exact;
  const n = k + 1;
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n * n);
}

/** Poisson(mean): multiplication method for small means, Hörmann's PTRS rejection for large ones. */
export function samplePoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  const root = Math.sqrt(mean);
  const b = 0.931 + 2.53 * root;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  const logMean = Math.log(mean);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v * invAlpha / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/**
 * Negative binomial with the given mean and shape k (variance μ + μ²/k), as a Gamma–Poisson
 * mixture: retail demand is over-dispersed compared with Poisson.
 */
export function sampleNegativeBinomial(rng: Rng, mean: number, shape: number): number {
  if (mean <= 0) return 0;
  return samplePoisson(rng, (mean * sampleGamma(rng, shape)) / shape);
}
