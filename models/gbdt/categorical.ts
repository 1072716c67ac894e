import type { CategoricalEncoding, FeatureMatrix } from "./types";

/** Pseudo-count pulling rare categories towards the global mean, so one lucky row does not decide the order. */
const PRIOR_WEIGHT = 10;

/** Orders each categorical feature's training categories by (smoothed) mean target. */
export function learnCategoricalEncodings(x: FeatureMatrix, y: Float32Array, features: readonly number[]): CategoricalEncoding[] {
  let globalMean = 0;
  for (let r = 0; r < x.nRows; r++) globalMean += y[r]!;
  globalMean /= Math.max(1, x.nRows);
  return features.map((feature) => {
    if (!Number.isInteger(feature) || feature < 0 || feature >= x.nFeatures) throw new Error(`categorical feature ${feature} is out of range`);
    const stats = new Map<number, { sum: number; count: number }>();
    for (let r = 0; r < x.nRows; r++) {
      const category = x.data[r * x.nFeatures + feature]!;
      if (Number.isNaN(category)) continue;
      const s = stats.get(category) ?? { sum: 0, count: 0 };
      s.sum += y[r]!;
      s.count += 1;
      stats.set(category, s);
    }
    const smoothedMean = (s: { sum: number; count: number }) => (s.sum + PRIOR_WEIGHT * globalMean) / (s.count + PRIOR_WEIGHT);
    const categories = [...stats.entries()]
      .sort(([ca, a], [cb, b]) => smoothedMean(a) - smoothedMean(b) || ca - cb)
      .map(([category]) => category);
    return { feature, categories };
  });
}

/** Maps category → rank for fast lookups; unseen categories map to undefined (→ missing). */
export function rankLookups(encodings: readonly CategoricalEncoding[]): Array<{ feature: number; rank: Map<number, number> }> {
  return encodings.map(({ feature, categories }) => ({ feature, rank: new Map(categories.map((c, i) => [c, i])) }));
}

/** Copy of the matrix with categorical columns replaced by their ranks (the trees' input space). */
export function encodeCategoricals(x: FeatureMatrix, encodings: readonly CategoricalEncoding[]): FeatureMatrix {
  if (encodings.length === 0) return x;
  const data = x.data.slice();
  for (const { feature, rank } of rankLookups(encodings)) {
    for (let i = feature; i < data.length; i += x.nFeatures) data[i] = rank.get(data[i]!) ?? Number.NaN;
  }
  return { data, nRows: x.nRows, nFeatures: x.nFeatures };
}
