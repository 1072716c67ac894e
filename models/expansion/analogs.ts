/**
 * Store expansion by analogs: a candidate store's first-year sales by category projected from the
 * most similar existing stores' last year, scaled for size, weighted by similarity.
 */

export type StoreProfile = { id: string; sizeSqm: number | null; region: string | null; format: string | null; city: string | null };
/** An existing store with its last year's sales by category. */
export type ExistingStore = StoreProfile & { sales: Record<string, number> };

/** How much each attribute counts in the distance (0 leaves it out). */
export type AttributeWeights = { size: number; region: number; format: number; city: number };
export const DEFAULT_WEIGHTS: AttributeWeights = { size: 1, region: 1, format: 1, city: 0.5 };

export type Analog = {
  id: string;
  /** Weighted distance in standard units (0 = identical on every attribute). */
  distance: number;
  /** Share of the projection, summing to 1 over the analogs. */
  weight: number;
  /** Its sales × (candidate size / its size)^sizeExponent. */
  sizeFactor: number;
};

export type CategoryProjection = { category: string; p10: number; expected: number; p90: number };

export type ExpansionResult = {
  analogs: Analog[];
  projection: CategoryProjection[];
  total: { p10: number; expected: number; p90: number };
  /** Sales ∝ size^exponent, fitted on the existing stores (log–log), clamped to [0, 1.5]. */
  sizeExponent: number;
  weights: AttributeWeights;
  /** Why the projection deserves less trust, or null. */
  caveat: string | null;
};

/** Analogs beyond this distance (standard units) are weak: the caveat says so. */
export const WEAK_DISTANCE = 1;
export const MIN_ANALOGS = 3;

const logSize = (s: StoreProfile) => (s.sizeSqm && s.sizeSqm > 0 ? Math.log(s.sizeSqm) : null);
const total = (s: ExistingStore) => Object.values(s.sales).reduce((a, b) => a + b, 0);

/** Least-squares slope of log total sales on log size; 1 (proportional) without two sizes to fit on. */
export function fitSizeExponent(stores: readonly ExistingStore[]): number {
  const pts = stores.flatMap((s) => {
    const x = logSize(s);
    const y = total(s);
    return x !== null && y > 0 ? [[x, Math.log(y)] as const] : [];
  });
  if (pts.length < 2) return 1;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  const sxx = pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (sxx === 0) return 1;
  const slope = pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
  return Math.min(1.5, Math.max(0, slope));
}

/** Weighted quantile of values (linear between the cumulative weights' midpoints). */
function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((v, i) => [v, weights[i]!] as const).sort((a, b) => a[0] - b[0]);
  const sum = order.reduce((a, [, w]) => a + w, 0);
  let cum = 0;
  const mids = order.map(([, w]) => {
    const m = (cum + w / 2) / sum;
    cum += w;
    return m;
  });
  if (q <= mids[0]!) return order[0]![0];
  for (let i = 1; i < order.length; i++) {
    if (q <= mids[i]!) return order[i - 1]![0] + ((order[i]![0] - order[i - 1]![0]) * (q - mids[i - 1]!)) / (mids[i]! - mids[i - 1]!);
  }
  return order.at(-1)![0];
}

/**
 * The k nearest existing stores by standardised attribute distance (log size in standard
 * deviations of the stores' log sizes; region, format and city 0 if equal, 1 if not; an unknown
 * attribute counts as different), weighted by exp(−distance), and the candidate's projected sales
 * per category: the weighted mean of the analogs' size-scaled sales, with the weighted P10–P90 of
 * those scaled sales as the interval.
 */
export function analyseExpansion(candidate: StoreProfile, stores: readonly ExistingStore[], options: { k?: number; weights?: AttributeWeights } = {}): ExpansionResult {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new RangeError("expansion: k must be a whole number ≥ 1");
  if (Object.values(weights).some((w) => !(w >= 0)) || Object.values(weights).every((w) => w === 0)) throw new RangeError("expansion: attribute weights must be ≥ 0 and not all 0");
  if (stores.length === 0) throw new RangeError("expansion: there are no existing stores to compare with");
  if (weights.size > 0 && !(candidate.sizeSqm && candidate.sizeSqm > 0)) throw new RangeError("expansion: the candidate needs a size in m² when size counts");
  const sizes = stores.map(logSize).filter((x): x is number => x !== null);
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const sd = Math.sqrt(sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, sizes.length - 1)) || 1;
  const same = (a: string | null, b: string | null) => (a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase() ? 0 : 1);
  const wSum = weights.size + weights.region + weights.format + weights.city;
  const cSize = logSize(candidate);
  const scored = stores.map((s) => {
    const sSize = logSize(s);
    const dSize = cSize === null || sSize === null ? 1 : (cSize - sSize) / sd;
    const d2 = weights.size * dSize ** 2 + weights.region * same(candidate.region, s.region) + weights.format * same(candidate.format, s.format) + weights.city * same(candidate.city, s.city);
    return { store: s, distance: Math.sqrt(d2 / wSum) };
  });
  scored.sort((a, b) => a.distance - b.distance || a.store.id.localeCompare(b.store.id));
  const nearest = scored.slice(0, k);
  const exponent = fitSizeExponent(stores);
  const raw = nearest.map((n) => Math.exp(-n.distance));
  const rawSum = raw.reduce((a, b) => a + b, 0);
  const analogs: Analog[] = nearest.map((n, i) => {
    const sSize = n.store.sizeSqm && n.store.sizeSqm > 0 ? n.store.sizeSqm : null;
    const sizeFactor = candidate.sizeSqm && sSize ? (candidate.sizeSqm / sSize) ** exponent : 1;
    return { id: n.store.id, distance: n.distance, weight: raw[i]! / rawSum, sizeFactor };
  });
  const categories = [...new Set(stores.flatMap((s) => Object.keys(s.sales)))].sort();
  const w = analogs.map((a) => a.weight);
  const project = (values: number[]) => ({ p10: weightedQuantile(values, w, 0.1), expected: values.reduce((a, v, i) => a + v * w[i]!, 0), p90: weightedQuantile(values, w, 0.9) });
  const projection = categories.map((category) => ({ category, ...project(nearest.map((n, i) => (n.store.sales[category] ?? 0) * analogs[i]!.sizeFactor)) }));
  const totals = project(nearest.map((n, i) => total(n.store) * analogs[i]!.sizeFactor));
  const caveats: string[] = [];
  if (analogs.length < MIN_ANALOGS) caveats.push(`only ${analogs.length} existing store${analogs.length === 1 ? "" : "s"} to compare with (fewer than ${MIN_ANALOGS})`);
  if (nearest[0]!.distance > WEAK_DISTANCE) caveats.push(`even the closest store (${nearest[0]!.store.id}) differs a lot (distance ${nearest[0]!.distance.toFixed(2)} > ${WEAK_DISTANCE})`);
  return {
    analogs,
    projection,
    total: totals,
    sizeExponent: exponent,
    weights,
    caveat: caveats.length > 0 ? `Treat this projection with care: ${caveats.join("; ")}. The interval only spans the analogs' spread.` : null,
  };
}
