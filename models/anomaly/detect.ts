/** Anomaly checks for one item × store × day of sales: plain maths, no database. */

export const ANOMALY_KINDS = ["spike", "drop", "stock_discrepancy", "price_error"] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The tenant's thresholds. */
export type AnomalyRules = {
  /** |robust z| at or above which a day is unusual against recent history. */
  zThreshold: number;
  /** How far outside the P10–P90 band a day must also fall, as a fraction of the band's edge (0.25: 25% above P90 or below P10). */
  bandMargin: number;
  /** A price this many times the usual one, or below the usual one divided by it, is a price error. */
  priceRatio: number;
};

export const DEFAULT_RULES: AnomalyRules = { zThreshold: 3, bandMargin: 0.25, priceRatio: 3 };

/** Fewer days of history than this and the z-score is not trusted on its own (a new item). */
export const MIN_HISTORY_DAYS = 14;

/** How much higher the z-score bar is for a day no forecast covers. */
export const UNCORROBORATED_FACTOR = 1.5;

export type ForecastBand = { p10: number; p50: number; p90: number };

/** What is known about one store × item × day when its sales arrive. */
export type DayObservation = {
  /** Units sold that day (so far, for a day still streaming in). */
  units: number;
  /** Shelf price the day was sold at; null when unknown. */
  price: number | null;
  /** The production forecast's band for that day, or null when there is none. */
  band: ForecastBand | null;
  /** Units of the preceding days (most recent last), days without sales as 0. */
  history: readonly number[];
  /** Stock on hand at the latest count on or before the day, or null when never counted. */
  onHand: number | null;
  /** The date of that count. */
  countedOn: string | null;
  /** The item's usual price at that store (median of recent prices, else the list price). */
  usualPrice: number | null;
  /** False while later sales of the store have not arrived yet: a low total may just be an unfinished day, so no drop is raised. */
  complete: boolean;
};

export type Anomaly = {
  kind: AnomalyKind;
  severity: Severity;
  reason: string;
  /** Units above (+) or below (−) what was expected, for spikes and drops; the units sold beyond stock for a stock discrepancy. */
  unitsOff: number;
  /** The numbers behind it, for the alert's evidence. */
  evidence: Record<string, number | string | null>;
};

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const fmt = (x: number) => (Number.isInteger(round1(x)) ? String(round1(x)) : round1(x).toFixed(1));
const money = (x: number) => x.toFixed(2);

/** Least spread of a history, in units (see robustZ). */
const MIN_SCALE = 1.5;

export type RobustZ = { z: number; median: number; scale: number };

/**
 * Robust z-score of `x` against `history`: (x − median) / (1.4826·MAD), the MAD scaled to a
 * normal's standard deviation. Sales of slow items are mostly zeros, where the MAD is 0 and any
 * sale would be "infinitely" unusual: the scale is floored at the Poisson spread √mean of the
 * history, and at 1.5 units, so a slow item's occasional sale of two, three or four stays ordinary.
 */
export function robustZ(x: number, history: readonly number[]): RobustZ {
  const m = median(history);
  const mad = median(history.map((h) => Math.abs(h - m)));
  const mean = history.length ? history.reduce((a, b) => a + b, 0) / history.length : 0;
  const scale = Math.max(1.4826 * mad, Math.sqrt(mean), MIN_SCALE);
  return { z: (x - m) / scale, median: m, scale };
}

const bySize = (ratio: number): Severity => (ratio >= 2 ? "high" : ratio >= 1.5 ? "medium" : "low");

function demandAnomaly(obs: DayObservation, rules: AnomalyRules): Anomaly | null {
  if (obs.history.length === 0 && !obs.band) return null;
  const { z, median: typical } = robustZ(obs.units, obs.history);
  const enoughHistory = obs.history.length >= MIN_HISTORY_DAYS;
  const band = obs.band;
  const above = band ? obs.units > band.p90 * (1 + rules.bandMargin) + 1 : true;
  const below = band ? obs.units < band.p10 * (1 - rules.bandMargin) : true;
  // Both tests must agree: the band alone fires on every forecast miss, the z-score alone on every promotion the forecast expected.
  // With no forecast to corroborate it, the z-score alone must clear a higher bar.
  const threshold = band ? rules.zThreshold : rules.zThreshold * UNCORROBORATED_FACTOR;
  const zHigh = enoughHistory ? z >= threshold : band !== null;
  const zLow = enoughHistory ? z <= -threshold : false;
  const spike = zHigh && above;
  const drop = obs.complete && zLow && below;
  if (!spike && !drop) return null;
  const expected = band ? band.p50 : typical;
  const bandText = band ? `a forecast band of ${fmt(band.p10)}–${fmt(band.p90)}` : null;
  const typicalText = enoughHistory ? `a typical day of ${fmt(typical)}` : null;
  const against = [bandText, typicalText].filter(Boolean).join(" and ");
  const noForecast = band ? "" : "; no production forecast covers this day";
  const sizeRatio = enoughHistory ? Math.abs(z) / threshold : band ? obs.units / Math.max(band.p90 * (1 + rules.bandMargin) + 1, 1) : 1;
  return {
    kind: spike ? "spike" : "drop",
    severity: bySize(sizeRatio),
    reason: `Sold ${fmt(obs.units)} units against ${against}${enoughHistory ? ` (robust z-score ${z.toFixed(1)})` : ""}${noForecast}`,
    unitsOff: round1(obs.units - expected),
    evidence: { units: obs.units, p10: band?.p10 ?? null, p50: band?.p50 ?? null, p90: band?.p90 ?? null, typical, z: enoughHistory ? Math.round(z * 100) / 100 : null, historyDays: obs.history.length },
  };
}

function stockAnomaly(obs: DayObservation): Anomaly | null {
  if (obs.onHand === null || obs.units <= obs.onHand) return null;
  const beyond = obs.units - Math.max(obs.onHand, 0);
  const count = obs.countedOn ? ` (stock count of ${obs.countedOn})` : "";
  const reason = obs.onHand <= 0 ? `Sold ${fmt(obs.units)} units with 0 on hand${count}` : `Sold ${fmt(obs.units)} units with only ${fmt(obs.onHand)} on hand${count}`;
  const severity: Severity = obs.onHand <= 0 ? (obs.units >= 5 ? "high" : "medium") : bySize(obs.units / obs.onHand);
  return { kind: "stock_discrepancy", severity, reason, unitsOff: beyond, evidence: { units: obs.units, onHand: obs.onHand, countedOn: obs.countedOn } };
}

function priceAnomaly(obs: DayObservation, rules: AnomalyRules): Anomaly | null {
  if (obs.price === null || obs.units <= 0) return null;
  const usual = obs.usualPrice;
  const evidence = { price: obs.price, usualPrice: usual };
  const usualText = usual !== null && usual > 0 ? ` against a usual price of ${money(usual)}` : "";
  if (obs.price <= 0) return { kind: "price_error", severity: "high", reason: `Sold ${fmt(obs.units)} units at a price of ${money(obs.price)}${usualText}`, unitsOff: 0, evidence };
  if (usual === null || usual <= 0) return null;
  const ratio = obs.price / usual;
  if (ratio < rules.priceRatio && ratio > 1 / rules.priceRatio) return null;
  const times = ratio >= 1 ? `${ratio.toFixed(1)}× the usual` : `1/${(1 / ratio).toFixed(1)} of the usual`;
  const severity: Severity = bySize(Math.max(ratio, 1 / ratio) / rules.priceRatio);
  return { kind: "price_error", severity, reason: `Sold ${fmt(obs.units)} units at ${money(obs.price)}, ${times} price of ${money(usual)}`, unitsOff: 0, evidence };
}

/** Every anomaly of one store × item × day: at most one of each kind (a spike and a drop exclude each other). */
export function detectAnomalies(obs: DayObservation, rules: AnomalyRules = DEFAULT_RULES): Anomaly[] {
  return [demandAnomaly(obs, rules), stockAnomaly(obs), priceAnomaly(obs, rules)].filter((a): a is Anomaly => a !== null);
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The higher of two severities (an alert raised again keeps the worst it has been). */
export const maxSeverity = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);
