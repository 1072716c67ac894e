/** Values of columns a source carried that the panel does not model; kept so nothing is dropped silently. */
export type Extras = Record<string, string>;

export interface StoreAttributes {
  id: string;
  name?: string;
  region?: string;
  city?: string;
  format?: string;
  sizeSqm?: number;
  extra: Extras;
}

export interface ItemAttributes {
  id: string;
  name?: string;
  category?: string;
  subcategory?: string;
  brand?: string;
  basePrice?: number;
  unitCost?: number;
  extra: Extras;
}

/**
 * One store × item daily series over the panel calendar. Every array has `panel.nDays` entries.
 * Days outside [firstDay, lastDay] are inactive: units NaN, never 0.
 */
export interface Series {
  storeId: string;
  itemId: string;
  /** First day with a sale (or first row when the series never sold). */
  firstDay: number;
  /** Last day with a row: a listed item that sells nothing still needs a forecast of about zero. */
  lastDay: number;
  /** Units sold; NaN where unknown (a gap in the data) or inactive. */
  units: Float32Array;
  /** Shelf price in force; days without a row carry the last known price. Absent when the data has no prices. */
  price?: Float32Array;
  /** Promotional fraction off the shelf price, 0–1; 0 on days without a row. */
  discount?: Float32Array;
  /** 1 on promotion days, else 0. */
  promo?: Float32Array;
  /** Clearance fraction off the original price, 0–1; carried forward like the price. */
  markdown?: Float32Array;
  onlineUnits?: Float32Array;
  /** 1 where a stockout capped sales (units = stock < demand): those units understate demand. */
  censored: Uint8Array;
}

/** Which optional signals the source carried at all (per panel, so features can say "unknown" instead of 0). */
export interface PanelSignals {
  price: boolean;
  discount: boolean;
  promo: boolean;
  markdown: boolean;
  onlineUnits: boolean;
  censored: boolean;
  calendar: boolean;
}

export interface Panel {
  /** Contiguous daily calendar: `dates[d]` is the ISO date of day index d. */
  dates: string[];
  nDays: number;
  /** Epoch day (days since 1970-01-01) of day index 0, for date arithmetic past the history. */
  startEpochDay: number;
  /** Sorted by storeId, then itemId. */
  series: Series[];
  stores: Map<string, StoreAttributes>;
  items: Map<string, ItemAttributes>;
  /** Event and holiday names by ISO date; may reach past the history (events are known in advance). Lifts are unknown. */
  events: Map<string, string[]>;
  has: PanelSignals;
  /** Things the builder fixed or ignored (duplicates summed, negative units, ignored columns, …). */
  warnings: string[];
}

/** A sales row as the server reads it from the database or the CSV loader from `sales.csv`. */
export interface SalesRow {
  date: string;
  storeId: string;
  itemId: string;
  /** null = the row exists but its units are unknown. */
  units: number | null;
  price?: number | null;
  discount?: number | null;
  promo?: boolean | number | null;
  markdown?: number | null;
  onlineUnits?: number | null;
  censored?: boolean | number | null;
}

export interface StoreRow {
  id: string;
  name?: string | null;
  region?: string | null;
  city?: string | null;
  format?: string | null;
  sizeSqm?: number | null;
  extra?: Extras | null;
}

export interface ItemRow {
  id: string;
  name?: string | null;
  category?: string | null;
  subcategory?: string | null;
  brand?: string | null;
  basePrice?: number | null;
  unitCost?: number | null;
  extra?: Extras | null;
}

export interface CalendarRow {
  date: string;
  events: string[];
}

/** A store × item day known to be stockout-censored (e.g. on-hand was zero). */
export interface CensoredRow {
  date: string;
  storeId: string;
  itemId: string;
}

/**
 * How a missing (store, item, day) row inside a series' active span is read. "zero": exports that
 * list only sales. "unknown": exports that list every day, so a missing row is a gap. "auto" picks
 * "unknown" when ≥ 95% of active days have a row.
 */
export type MissingRowPolicy = "auto" | "zero" | "unknown";

export interface PanelInput {
  sales: readonly SalesRow[];
  stores?: readonly StoreRow[];
  items?: readonly ItemRow[];
  calendar?: readonly CalendarRow[];
  censored?: readonly CensoredRow[];
  missingRows?: MissingRowPolicy;
  /** Names the source in messages ("sales.csv"); defaults to "sales". */
  source?: string;
}
