import type { UnitsBand } from "./price-response";

/** One point of a price-response curve: the net price and the units expected over the horizon. */
export type CurvePoint = { price: number; units: UnitsBand };

/** Limits every recommended price respects. */
export type Guardrails = {
  /** Largest change from the current price in one step, as a fraction (0.1 = ±10%). */
  maxStep: number;
  /** Smallest margin (price − cost) / price allowed, as a fraction. */
  minMargin: number;
  /** Allowed cent endings (e.g. [0.49, 0.99]); empty allows any cent. */
  endings: readonly number[];
  /** Competitor or MAP bounds, when known. */
  floor?: number | null;
  ceiling?: number | null;
  /** Stay within the prices the item sold at (default); a user may widen it. */
  observed: { min: number; max: number } | null;
  allowExtrapolation: boolean;
};

export type PriceOutcome = { price: number; units: UnitsBand; profit: UnitsBand; extrapolated: boolean };

export type Recommendation = {
  current: PriceOutcome;
  /** Null when no price satisfies every guardrail. */
  recommended: PriceOutcome | null;
  /** The price range left once every guardrail applied (before endings), or null when empty. */
  allowed: { min: number; max: number } | null;
  /** Which guardrails bounded the range, in words. */
  bindings: string[];
};

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Expected units at a price, interpolated on the curve in log price and log units (a constant
 * elasticity between neighbouring points); beyond the ends, the end point's value holds.
 */
export function unitsAt(curve: readonly CurvePoint[], price: number): UnitsBand {
  const first = curve[0]!;
  const last = curve.at(-1)!;
  if (price <= first.price) return first.units;
  if (price >= last.price) return last.units;
  let k = 1;
  while (curve[k]!.price < price) k++;
  const a = curve[k - 1]!;
  const b = curve[k]!;
  const t = Math.log(price / a.price) / Math.log(b.price / a.price);
  const mix = (x: number, y: number) => (x > 0 && y > 0 ? Math.exp(Math.log(x) + t * (Math.log(y) - Math.log(x))) : x + t * (y - x));
  return { p10: mix(a.units.p10, b.units.p10), p50: mix(a.units.p50, b.units.p50), p90: mix(a.units.p90, b.units.p90) };
}

export function outcomeAt(curve: readonly CurvePoint[], price: number, unitCost: number, observed: Guardrails["observed"]): PriceOutcome {
  const units = unitsAt(curve, price);
  const m = price - unitCost;
  // A negative margin turns the high-demand quantile into the low-profit one.
  const [lo, hi] = m >= 0 ? [units.p10, units.p90] : [units.p90, units.p10];
  return {
    price,
    units,
    profit: { p10: m * lo, p50: m * units.p50, p90: m * hi },
    extrapolated: observed !== null && (price < observed.min - 1e-9 || price > observed.max + 1e-9),
  };
}

/** Prices on the allowed range ending in one of the endings (every cent without endings), ascending. */
export function candidatePrices(min: number, max: number, endings: readonly number[]): number[] {
  const out: number[] = [];
  const lo = Math.ceil(min * 100 - 1e-6);
  const hi = Math.floor(max * 100 + 1e-6);
  const cents = new Set(endings.map((e) => Math.round(e * 100) % 100));
  for (let c = lo; c <= hi; c++) if (cents.size === 0 || cents.has(c % 100)) out.push(c / 100);
  return out;
}

/**
 * The profit-maximising price (P50 of profit = (price − cost) × expected units) among the prices
 * every guardrail allows: within ±maxStep of the current price, at or above the minimum-margin
 * price, inside the competitor/MAP bounds, inside the observed range unless extrapolation is
 * allowed, and ending in an allowed ending. Ties keep the price closest to the current one.
 */
export function recommendPrice(curve: readonly CurvePoint[], currentPrice: number, unitCost: number, g: Guardrails): Recommendation {
  const bounds: Array<[string, number, number]> = [
    ["max step", currentPrice * (1 - g.maxStep), currentPrice * (1 + g.maxStep)],
    ["min margin", unitCost / (1 - g.minMargin), Infinity],
  ];
  if (g.floor != null) bounds.push(["competitor/MAP floor", g.floor, Infinity]);
  if (g.ceiling != null) bounds.push(["competitor/MAP ceiling", -Infinity, g.ceiling]);
  if (g.observed && !g.allowExtrapolation) bounds.push(["observed range", g.observed.min, g.observed.max]);
  const min = Math.max(...bounds.map((b) => b[1]));
  const max = Math.min(...bounds.map((b) => b[2]));
  const bindings = bounds.filter(([, lo, hi]) => lo === min || hi === max).map(([name]) => name);
  const current = outcomeAt(curve, currentPrice, unitCost, g.observed);
  if (!(min <= max)) return { current, recommended: null, allowed: null, bindings };
  let best: PriceOutcome | null = null;
  for (const price of candidatePrices(min, max, g.endings)) {
    const o = outcomeAt(curve, price, unitCost, g.observed);
    const better = !best || o.profit.p50 > best.profit.p50 + 1e-9 || (Math.abs(o.profit.p50 - best.profit.p50) <= 1e-9 && Math.abs(price - currentPrice) < Math.abs(best.price - currentPrice));
    if (better) best = o;
  }
  return { current, recommended: best, allowed: { min: round2(min), max: round2(max) }, bindings };
}
