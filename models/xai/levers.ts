import { F, N_FEATURES } from "@/models/features";

/** What a manager controls on the forecast days. Price is a factor on each row's list price; the others are set as given. */
export const LEVERS = ["price", "discount", "promo", "markdown"] as const;
export type Lever = (typeof LEVERS)[number];

/**
 * A control vector, one value per lever in LEVERS order: [price factor, discount share, promo 0/1,
 * markdown share]. NaN keeps each row's own value, so "no change" is [1, NaN, NaN, NaN].
 */
export type Control = readonly number[];

export const NO_CHANGE: Control = [1, Number.NaN, Number.NaN, Number.NaN];

/**
 * The rows with the control applied, keeping the features consistent with how the pipeline
 * builds them: net price = list price × (1 − discount), the relative price moves with it (same
 * reference price), and discount, promotion and markdown are written where the row has them.
 */
export function applyControl(rows: Float32Array, nRows: number, control: Control, out = new Float32Array(rows.length)): Float32Array {
  out.set(rows);
  const [factor, discount, promo, markdown] = control as [number, number, number, number];
  for (let r = 0; r < nRows; r++) {
    const b = r * N_FEATURES;
    const net = rows[b + F.target_price]!;
    const oldDiscount = rows[b + F.target_discount]!;
    const kept = Number.isNaN(oldDiscount) ? 0 : oldDiscount;
    const newDiscount = Number.isNaN(discount) || Number.isNaN(oldDiscount) ? kept : discount;
    if (!Number.isNaN(net) && kept < 1) {
      const list = net / (1 - kept);
      const newNet = list * factor * (1 - newDiscount);
      out[b + F.target_price] = newNet;
      const rel = rows[b + F.target_price_rel]!;
      out[b + F.target_price_rel] = net > 0 && Number.isFinite(rel) ? (newNet * rel) / net : rel;
    }
    if (!Number.isNaN(oldDiscount)) out[b + F.target_discount] = newDiscount;
    if (!Number.isNaN(promo) && !Number.isNaN(rows[b + F.target_promo]!)) out[b + F.target_promo] = promo;
    if (!Number.isNaN(markdown) && !Number.isNaN(rows[b + F.target_markdown]!)) out[b + F.target_markdown] = markdown;
  }
  return out;
}

/** Levers the rows can move: a price needs a known price, the others a column the tenant records. */
export function availableLevers(rows: Float32Array, nRows: number): Lever[] {
  const known = (feature: number) => Array.from({ length: nRows }, (_, r) => rows[r * N_FEATURES + feature]!).some((v) => !Number.isNaN(v));
  return LEVERS.filter((lever) => known({ price: F.target_price, discount: F.target_discount, promo: F.target_promo, markdown: F.target_markdown }[lever]));
}

/** Each lever's value common to all rows (price factor 1), or NaN where rows differ. */
export function currentControl(rows: Float32Array, nRows: number): number[] {
  const common = (feature: number) => {
    const first = rows[feature]!;
    for (let r = 1; r < nRows; r++) if (!Object.is(rows[r * N_FEATURES + feature]!, first)) return Number.NaN;
    return first;
  };
  return [1, common(F.target_discount), common(F.target_promo), common(F.target_markdown)];
}
