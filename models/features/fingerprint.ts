import type { Panel } from "@/models/data";
import { sha256Stream } from "@/models/util";
import { FEATURE_NAMES } from "./names";

/**
 * Version of the feature code: bump it whenever any feature is computed differently (a window, a
 * fallback, a scale), even under the same name, so a model shipped for the old features is not
 * installed for the new ones.
 */
export const FEATURE_CODE_VERSION = 1;

const bytesOf = (column: Float32Array | Uint8Array) => new Uint8Array(column.buffer, column.byteOffset, column.byteLength);

/**
 * Identifies everything the feature pipeline reads from a panel: the feature list and code
 * version, the calendar, every series' units, prices, discounts, promotions, markdowns, online
 * units, censoring and active span, the stores' sizes, the items' categories and base prices, the
 * events and which signals the source carried. A model trained on one panel is used only for a
 * panel with the same fingerprint.
 */
export function panelFingerprint(panel: Panel): string {
  const hash = sha256Stream();
  const text = (value: unknown) => hash.update(`${JSON.stringify(value)}\n`);
  text({ featureCodeVersion: FEATURE_CODE_VERSION, features: FEATURE_NAMES, start: panel.dates[0], nDays: panel.nDays, has: panel.has });
  for (const s of panel.series) {
    const store = panel.stores.get(s.storeId);
    const item = panel.items.get(s.itemId);
    text([s.storeId, s.itemId, s.firstDay, s.lastDay, store?.sizeSqm ?? null, item?.category ?? null, item?.basePrice ?? null]);
    for (const [name, column] of [["units", s.units], ["price", s.price], ["discount", s.discount], ["promo", s.promo], ["markdown", s.markdown], ["online", s.onlineUnits], ["censored", s.censored]] as const) {
      text(column ? name : `${name}:absent`);
      if (column) hash.update(bytesOf(column));
    }
  }
  text([...panel.events].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return hash.digest("hex");
}
