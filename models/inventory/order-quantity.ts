/** Supplier terms an order must respect. */
export type OrderTerms = { packSize: number; minimumOrder: number };

export const UNIT_TERMS: OrderTerms = { packSize: 1, minimumOrder: 0 };

/** A wanted quantity as an order the supplier accepts: whole packs, at least the minimum; nothing wanted → 0. */
export function roundOrder(wanted: number, terms: OrderTerms = UNIT_TERMS): number {
  if (!(wanted > 0)) return 0;
  const pack = Math.max(1, Math.floor(terms.packSize));
  return Math.ceil(Math.max(wanted, terms.minimumOrder) / pack) * pack;
}
