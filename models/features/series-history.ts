import type { Series } from "@/models/data";
import type { PanelContext } from "./context";
import { othersMean } from "./context";

/** Scale floor in units/day: keeps a series that sold nothing lately from dividing by zero. */
export const SCALE_FLOOR = 0.1;
/** Clean days in the last 28 below which the scale leans on the group prior (cold start). */
const MIN_OWN_DAYS = 7;
/** Cap for day counts (days since the last sale), so long-dead series look alike. */
const DAY_CAP = 365;
/** Window of the reference price (median over the last year up to the origin). */
const PRICE_WINDOW = 365;

/**
 * Prefix sums over one series, so every window statistic at any origin costs O(1).
 * "Clean" days are observed and not stockout-censored: censored sales understate demand, so
 * levels, spreads and zero shares are computed without them.
 */
export class SeriesHistory {
  readonly cleanN: Float64Array;
  readonly cleanSum: Float64Array;
  readonly cleanSq: Float64Array;
  readonly zeroN: Float64Array;
  readonly censoredN: Float64Array;
  readonly observedN: Float64Array;
  readonly promoN: Float64Array;
  readonly promoKnownN: Float64Array;
  readonly onlineSum: Float64Array;
  readonly onlineBaseSum: Float64Array;
  /** Last day ≤ d with units > 0, or -1. */
  readonly lastSale: Int32Array;
  /** Last clean day ≤ d, or -1. */
  readonly lastClean: Int32Array;
  /** Rank of each day's net price among the series' distinct net prices, or -1. */
  readonly priceRank: Int32Array;
  private distinctPrices = new Float64Array(0);
  private rankCounts = new Int32Array(0);
  series!: Series;
  index = -1;

  constructor(readonly nDays: number) {
    const prefix = () => new Float64Array(nDays + 1);
    this.cleanN = prefix();
    this.cleanSum = prefix();
    this.cleanSq = prefix();
    this.zeroN = prefix();
    this.censoredN = prefix();
    this.observedN = prefix();
    this.promoN = prefix();
    this.promoKnownN = prefix();
    this.onlineSum = prefix();
    this.onlineBaseSum = prefix();
    this.lastSale = new Int32Array(nDays);
    this.lastClean = new Int32Array(nDays);
    this.priceRank = new Int32Array(nDays);
  }

  load(series: Series, index: number): void {
    this.series = series;
    this.index = index;
    const { units, censored, promo, onlineUnits } = series;
    let lastSale = -1;
    let lastClean = -1;
    for (let d = 0; d < this.nDays; d++) {
      const u = units[d]!;
      const observed = !Number.isNaN(u);
      const clean = observed && censored[d] === 0;
      const p = promo ? promo[d]! : Number.NaN;
      const o = onlineUnits ? onlineUnits[d]! : Number.NaN;
      const onlineKnown = observed && !Number.isNaN(o);
      this.cleanN[d + 1] = this.cleanN[d]! + (clean ? 1 : 0);
      this.cleanSum[d + 1] = this.cleanSum[d]! + (clean ? u : 0);
      this.cleanSq[d + 1] = this.cleanSq[d]! + (clean ? u * u : 0);
      this.zeroN[d + 1] = this.zeroN[d]! + (clean && u === 0 ? 1 : 0);
      this.censoredN[d + 1] = this.censoredN[d]! + (observed && censored[d] ? 1 : 0);
      this.observedN[d + 1] = this.observedN[d]! + (observed ? 1 : 0);
      this.promoN[d + 1] = this.promoN[d]! + (p === 1 ? 1 : 0);
      this.promoKnownN[d + 1] = this.promoKnownN[d]! + (Number.isNaN(p) ? 0 : 1);
      this.onlineSum[d + 1] = this.onlineSum[d]! + (onlineKnown ? o : 0);
      this.onlineBaseSum[d + 1] = this.onlineBaseSum[d]! + (onlineKnown ? u : 0);
      if (observed && u > 0) lastSale = d;
      if (clean) lastClean = d;
      this.lastSale[d] = lastSale;
      this.lastClean[d] = lastClean;
    }
    this.rankPrices(series);
  }

  private rankPrices(series: Series): void {
    this.priceRank.fill(-1);
    if (!series.price) {
      this.distinctPrices = new Float64Array(0);
      return;
    }
    const values: number[] = [];
    for (let d = series.firstDay; d <= series.lastDay; d++) {
      const net = netPrice(series, d);
      if (!Number.isNaN(net)) values.push(net);
    }
    const distinct = Float64Array.from(new Set(values)).sort();
    const rank = new Map<number, number>();
    distinct.forEach((v, i) => rank.set(v, i));
    for (let d = series.firstDay; d <= series.lastDay; d++) this.priceRank[d] = rank.get(netPrice(series, d)) ?? -1;
    this.distinctPrices = distinct;
    if (this.rankCounts.length < distinct.length) this.rankCounts = new Int32Array(distinct.length);
  }

  /** Sum of a prefix array over days [from, to], clipped at day 0. */
  sum(prefix: Float64Array, from: number, to: number): number {
    return prefix[to + 1]! - prefix[Math.max(0, from)]!;
  }

  /** Median net price over the last year up to `origin`: the series' regular price level. */
  referencePrice(origin: number): number {
    const counts = this.rankCounts;
    const distinct = this.distinctPrices.length;
    if (distinct === 0) return Number.NaN;
    counts.fill(0, 0, distinct);
    let total = 0;
    for (let d = Math.max(0, origin - PRICE_WINDOW + 1); d <= origin; d++) {
      const r = this.priceRank[d]!;
      if (r >= 0) {
        counts[r]!++;
        total++;
      }
    }
    if (total === 0) return Number.NaN;
    let seen = 0;
    const middle = Math.floor((total - 1) / 2);
    for (let r = 0; r < distinct; r++) {
      seen += counts[r]!;
      if (seen > middle) return this.distinctPrices[r]!;
    }
    return Number.NaN;
  }
}

/** Price after the promotional discount. */
export function netPrice(series: Series, day: number): number {
  const price = series.price ? series.price[day]! : Number.NaN;
  const discount = series.discount ? series.discount[day]! : 0;
  return price * (1 - (Number.isNaN(discount) ? 0 : discount));
}

/** Mean clean units over the `days` days ending at `origin`; NaN when none is clean. */
function cleanMean(h: SeriesHistory, origin: number, days: number): number {
  const n = h.sum(h.cleanN, origin - days + 1, origin);
  return n > 0 ? h.sum(h.cleanSum, origin - days + 1, origin) / n : Number.NaN;
}

/** Statistics of one series at one origin: the part of a row that does not depend on the horizon. */
export interface OriginStats {
  origin: number;
  /** Units/day the target and `_rel` features are divided by. */
  scale: number;
  historyDays: number;
  observed28: number;
  lastRel: number;
  mean7Rel: number;
  mean14Rel: number;
  mean28Rel: number;
  mean91Rel: number;
  std28Rel: number;
  zeroShare28: number;
  censoredShare28: number;
  daysSinceSale: number;
  promoShare28: number;
  onlineShare28: number;
  categoryStoreMean: number;
  itemMean: number;
  referencePrice: number;
  /** Shelf price and markdown in force at the origin: the default for target days without a plan. */
  priceAtOrigin: number;
  markdownAtOrigin: number;
}

export function originStats(ctx: PanelContext, h: SeriesHistory, origin: number): OriginStats {
  const s = h.series;
  const from28 = origin - 27;
  const n28 = h.sum(h.cleanN, from28, origin);
  const sum28 = h.sum(h.cleanSum, from28, origin);
  const categoryStoreMean = othersMean(ctx.categoryStore, h.index, from28, origin, sum28, n28);
  const itemMean = othersMean(ctx.item, h.index, from28, origin, sum28, n28);
  const globalMean = othersMean(ctx.all, h.index, from28, origin, sum28, n28);
  // Cold start: too few own days are topped up with the best available prior (same item
  // elsewhere, then category in this store, then everything) so the scale is never a guess from two days.
  const prior = !Number.isNaN(itemMean) ? itemMean : !Number.isNaN(categoryStoreMean) ? categoryStoreMean : !Number.isNaN(globalMean) ? globalMean : 0;
  const scale = Math.max(SCALE_FLOOR, (sum28 + prior * Math.max(0, MIN_OWN_DAYS - n28)) / Math.max(n28, MIN_OWN_DAYS));
  const variance = n28 > 1 ? (h.sum(h.cleanSq, from28, origin) - (sum28 * sum28) / n28) / (n28 - 1) : Number.NaN;
  const lastClean = h.lastClean[origin]!;
  const lastSale = h.lastSale[origin]!;
  const observed28 = h.sum(h.observedN, from28, origin);
  const promoKnown = h.sum(h.promoKnownN, from28, origin);
  const onlineBase = h.sum(h.onlineBaseSum, from28, origin);
  return {
    origin,
    scale,
    historyDays: origin - s.firstDay + 1,
    observed28: n28,
    lastRel: lastClean >= 0 && origin - lastClean < 28 ? s.units[lastClean]! / scale : Number.NaN,
    mean7Rel: cleanMean(h, origin, 7) / scale,
    mean14Rel: cleanMean(h, origin, 14) / scale,
    mean28Rel: cleanMean(h, origin, 28) / scale,
    mean91Rel: cleanMean(h, origin, 91) / scale,
    std28Rel: Math.sqrt(Math.max(0, variance)) / scale,
    zeroShare28: n28 > 0 ? h.sum(h.zeroN, from28, origin) / n28 : Number.NaN,
    censoredShare28: observed28 > 0 ? h.sum(h.censoredN, from28, origin) / observed28 : Number.NaN,
    daysSinceSale: lastSale >= 0 ? Math.min(origin - lastSale, DAY_CAP) : DAY_CAP,
    promoShare28: promoKnown > 0 ? h.sum(h.promoN, from28, origin) / promoKnown : Number.NaN,
    onlineShare28: s.onlineUnits && onlineBase > 0 ? h.sum(h.onlineSum, from28, origin) / onlineBase : Number.NaN,
    categoryStoreMean,
    itemMean,
    referencePrice: h.referencePrice(origin),
    priceAtOrigin: s.price ? s.price[origin]! : Number.NaN,
    markdownAtOrigin: s.markdown ? s.markdown[origin]! : Number.NaN,
  };
}
