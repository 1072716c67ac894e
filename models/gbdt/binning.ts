import { mulberry32 } from "../util";
import { sampleIndices } from "./random";
import { allocate } from "./shared-memory";
import type { FeatureMatrix } from "./types";

/** Bin code of a missing value; real bins use 0..MAX_BINS-1. */
export const MISSING_BIN = 255;
export const MAX_BINS = 255;

/** Rows sampled per feature to place quantile cuts; enough for 255 bins, and keeps binning cheap. */
const QUANTILE_SAMPLE_ROWS = 200_000;

/**
 * Cut points per feature. A value v falls in bin b = the first b with v <= cuts[b] (the last bin
 * is open). Cuts are float32 values strictly between neighbouring distinct training values, so
 * "bin <= b" and "v <= cuts[b]" agree for float32 inputs, in TypeScript and in onnxruntime.
 */
export type BinCuts = Float32Array[];

export function computeBinCuts(x: FeatureMatrix, maxBins: number, seed: number): BinCuts {
  if (maxBins < 2 || maxBins > MAX_BINS) throw new Error(`maxBins must be in [2, ${MAX_BINS}], got ${maxBins}`);
  const { nFeatures } = x;
  const sample = sampleIndices(x.nRows, Math.min(x.nRows, QUANTILE_SAMPLE_ROWS), mulberry32(seed ^ 0x5bd1e995));
  // One pass over the sampled rows into per-feature columns: reading a column at a time would stride through the whole matrix per feature.
  const columns = Array.from({ length: nFeatures }, () => new Float32Array(sample.length));
  const counts = new Int32Array(nFeatures);
  for (let i = 0; i < sample.length; i++) {
    const base = sample[i]! * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const v = x.data[base + f]!;
      // Infinities fall into the end bins on their own; keeping them out keeps every cut finite (JSON-safe).
      if (Number.isFinite(v)) columns[f]![counts[f]!++] = v;
    }
  }
  return columns.map((column, f) => quantileCuts(sortFloat32(column.subarray(0, counts[f])), maxBins));
}

/**
 * Ascending sort of finite float32 values, in place: LSD radix sort on order-preserving integer
 * keys, several times faster than Float32Array.prototype.sort on 10^5 values (40 features to sort).
 */
function sortFloat32(values: Float32Array): Float32Array {
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // Negative floats: flip all bits; positive: flip the sign bit. Unsigned order then equals float order.
  for (let i = 0; i < keys.length; i++) keys[i] = keys[i]! & 0x80000000 ? ~keys[i]! >>> 0 : (keys[i]! | 0x80000000) >>> 0;
  let from = keys;
  let to: Uint32Array = new Uint32Array(keys.length);
  const counts = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[(from[i]! >>> shift) & 255]!++;
    for (let d = 0, total = 0; d < 256; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < from.length; i++) to[counts[(from[i]! >>> shift) & 255]!++] = from[i]!;
    [from, to] = [to, from];
  }
  // Four passes end with the result back in `keys`.
  for (let i = 0; i < keys.length; i++) keys[i] = keys[i]! & 0x80000000 ? (keys[i]! & 0x7fffffff) >>> 0 : ~keys[i]! >>> 0;
  return values;
}

function quantileCuts(sorted: Float32Array, maxBins: number): Float32Array {
  const cuts: number[] = [];
  const distinct = fewDistinct(sorted, maxBins);
  if (distinct) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(float32Between(distinct[i]!, distinct[i + 1]!));
    return Float32Array.from(cuts);
  }
  for (let k = 1; k < maxBins; k++) {
    const lower = sorted[Math.floor((k * sorted.length) / maxBins) - 1]!;
    const upper = firstGreater(sorted, lower);
    if (upper === undefined) break;
    const cut = float32Between(lower, upper);
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  return Float32Array.from(cuts);
}

/** The distinct values of a sorted array if there are at most `limit` of them. */
function fewDistinct(sorted: Float32Array, limit: number): number[] | undefined {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    if (distinct.length === limit) return undefined;
    distinct.push(sorted[i]!);
  }
  return distinct;
}

function firstGreater(sorted: Float32Array, value: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

/** A float32 c with lower <= c < upper: the rounded midpoint, or lower when rounding lands on upper. */
function float32Between(lower: number, upper: number): number {
  const mid = Math.fround(lower + (upper - lower) / 2);
  return mid < upper ? mid : lower;
}

/**
 * Cuts padded to 256 entries with +Infinity, so the bin is found by a fixed 8-step search
 * (about 40% faster than a classic binary search over the real cuts).
 */
function paddedCuts(cuts: Float32Array): Float64Array {
  const padded = new Float64Array(256).fill(Infinity);
  padded.set(cuts);
  return padded;
}

/** Number of cuts below v, i.e. the first b with v <= cuts[b]; NaN → MISSING_BIN. */
function binOf(v: number, c: Float64Array): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let b = 0;
  b += c[b + 127]! < v ? 128 : 0;
  b += c[b + 63]! < v ? 64 : 0;
  b += c[b + 31]! < v ? 32 : 0;
  b += c[b + 15]! < v ? 16 : 0;
  b += c[b + 7]! < v ? 8 : 0;
  b += c[b + 3]! < v ? 4 : 0;
  b += c[b + 1]! < v ? 2 : 0;
  b += c[b]! < v ? 1 : 0;
  return b;
}

/** Bin codes of a training matrix in the two layouts the trainer reads. */
export interface BinnedMatrix {
  nRows: number;
  /** Row-major codes, each row padded with zeros to whole 32-bit words (the padding lands in unused histogram features). */
  binWords: Uint32Array;
  wordsPerRow: number;
  /** Column-major codes (feature * nRows + row). */
  binColumns: Uint8Array;
}

/** `shared` puts the codes in SharedArrayBuffers, for a worker thread to read. */
export function binMatrix(x: FeatureMatrix, cuts: BinCuts, shared = false): BinnedMatrix {
  // The histogram kernel reads feature 4w+j from byte j (low bits first) of word w.
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error("gbdt training needs a little-endian platform");
  const { nRows, nFeatures } = x;
  const wordsPerRow = Math.ceil(nFeatures / 4);
  const binColumns = new Uint8Array(allocate(nRows * nFeatures, shared));
  const rowBytes = new Uint8Array(allocate(nRows * wordsPerRow * 4, shared));
  const padded = cuts.map(paddedCuts);
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < nFeatures; f++) {
      const bin = binOf(x.data[r * nFeatures + f]!, padded[f]!);
      binColumns[f * nRows + r] = bin;
      rowBytes[r * wordsPerRow * 4 + f] = bin;
    }
  }
  return { nRows, binWords: new Uint32Array(rowBytes.buffer), wordsPerRow, binColumns };
}
