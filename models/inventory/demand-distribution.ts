import { normalCdf, normalLoss, normalQuantile } from "./normal";

/**
 * Demand over some window as the policies need it: a count distribution for slow and medium
 * movers (negative binomial when over-dispersed, Poisson otherwise), a normal one for fast movers,
 * where pmf tables would be long and the normal is accurate.
 */
export interface DemandDistribution {
  readonly kind: "negative_binomial" | "poisson" | "normal" | "zero";
  readonly mean: number;
  readonly variance: number;
  /** P(D ≤ x). */
  cdf(x: number): number;
  /** Smallest integer x with P(D ≤ x) ≥ q. */
  quantile(q: number): number;
  /** Expected shortage E[(D − x)+]: the first-order loss function. */
  expectedShortage(x: number): number;
}

/** Above this mean the normal replaces the count distribution. */
export const NORMAL_ABOVE_MEAN = 400;
/** The pmf table stops once the upper tail left is below this. */
const TAIL = 1e-12;

class CountDistribution implements DemandDistribution {
  private readonly cumulative: Float64Array;
  /** Σ_{k≤x} k·p(k), for the loss function. */
  private readonly partialMean: Float64Array;

  constructor(
    readonly kind: "negative_binomial" | "poisson",
    readonly mean: number,
    readonly variance: number,
    pmf: Float64Array,
  ) {
    this.cumulative = new Float64Array(pmf.length);
    this.partialMean = new Float64Array(pmf.length);
    let c = 0;
    let m = 0;
    for (let k = 0; k < pmf.length; k++) {
      c += pmf[k]!;
      m += k * pmf[k]!;
      this.cumulative[k] = c;
      this.partialMean[k] = m;
    }
  }

  cdf(x: number): number {
    const k = Math.floor(x);
    if (k < 0) return 0;
    return k >= this.cumulative.length ? 1 : this.cumulative[k]!;
  }

  quantile(q: number): number {
    if (!(q > 0 && q < 1)) throw new RangeError(`quantile needs 0 < q < 1, got ${q}`);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! >= q) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** E[(D − x)+] = E[D] − x + E[(x − D)+], the last sum finite: Σ_{k<x} (x − k) p(k). */
  expectedShortage(x: number): number {
    if (x <= 0) return this.mean - x;
    const k = Math.min(Math.ceil(x) - 1, this.cumulative.length - 1);
    const belowX = x * this.cumulative[k]! - this.partialMean[k]!;
    return Math.max(0, this.mean - x + belowX);
  }
}

class NormalDistribution implements DemandDistribution {
  readonly kind = "normal";
  private readonly sd: number;
  constructor(
    readonly mean: number,
    readonly variance: number,
  ) {
    this.sd = Math.sqrt(variance);
  }
  cdf(x: number): number {
    return normalCdf((x - this.mean) / this.sd);
  }
  quantile(q: number): number {
    return Math.max(0, Math.ceil(this.mean + this.sd * normalQuantile(q)));
  }
  expectedShortage(x: number): number {
    return this.sd * normalLoss((x - this.mean) / this.sd);
  }
}

const ZERO: DemandDistribution = { kind: "zero", mean: 0, variance: 0, cdf: (x) => (x >= 0 ? 1 : 0), quantile: () => 0, expectedShortage: (x) => Math.max(0, -x) };

function pmfTable(first: number, next: (k: number, p: number) => number, mean: number, sd: number): Float64Array {
  // Far enough into the tail for TAIL; grows if a heavy tail needs more.
  const values: number[] = [first];
  let total = first;
  let p = first;
  for (let k = 0; 1 - total > TAIL || k < mean; k++) {
    p = next(k, p);
    values.push(p);
    total += p;
    if (k > mean + 60 * sd + 50) break;
  }
  return Float64Array.from(values);
}

/** Poisson(mean). */
export function poisson(mean: number): DemandDistribution {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`Poisson mean must be ≥ 0, got ${mean}`);
  if (mean === 0) return ZERO;
  if (mean > NORMAL_ABOVE_MEAN) return new NormalDistribution(mean, mean);
  return new CountDistribution("poisson", mean, mean, pmfTable(Math.exp(-mean), (k, p) => (p * mean) / (k + 1), mean, Math.sqrt(mean)));
}

/** Negative binomial by mean and variance (variance > mean): r = μ²/(σ² − μ), success probability μ/σ². */
export function negativeBinomial(mean: number, variance: number): DemandDistribution {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`negative binomial mean must be ≥ 0, got ${mean}`);
  if (mean === 0) return ZERO;
  if (variance <= mean * (1 + 1e-9)) return poisson(mean);
  if (mean > NORMAL_ABOVE_MEAN) return new NormalDistribution(mean, variance);
  const r = (mean * mean) / (variance - mean);
  const success = mean / variance;
  const first = Math.exp(r * Math.log(success));
  if (first < 1e-300) return new NormalDistribution(mean, variance);
  return new CountDistribution("negative_binomial", mean, variance, pmfTable(first, (k, p) => (p * (k + r) * (1 - success)) / (k + 1), mean, Math.sqrt(variance)));
}

/** The count distribution for a window's mean and variance: over-dispersed → NB, otherwise Poisson. */
export function demandDistribution(mean: number, variance: number): DemandDistribution {
  return negativeBinomial(mean, Math.max(variance, mean));
}
