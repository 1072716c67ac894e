import type { PanelSignals } from "./types";

const INITIAL_CAPACITY = 1024;

function grow<T extends Float32Array | Int32Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/**
 * Sales rows stored column-wise (typed arrays, NaN = no value), so millions of CSV rows do not
 * become millions of objects. Both the row builder and the CSV loader fill one of these.
 */
export class SalesColumns {
  n = 0;
  day = new Int32Array(INITIAL_CAPACITY);
  series = new Int32Array(INITIAL_CAPACITY);
  units = new Float32Array(INITIAL_CAPACITY);
  price = new Float32Array(INITIAL_CAPACITY);
  discount = new Float32Array(INITIAL_CAPACITY);
  promo = new Float32Array(INITIAL_CAPACITY);
  markdown = new Float32Array(INITIAL_CAPACITY);
  onlineUnits = new Float32Array(INITIAL_CAPACITY);
  censored = new Uint8Array(INITIAL_CAPACITY);
  readonly keys: { storeId: string; itemId: string }[] = [];
  readonly has: Omit<PanelSignals, "calendar"> = { price: false, discount: false, promo: false, markdown: false, onlineUnits: false, censored: false };
  private readonly index = new Map<string, number>();

  seriesOf(storeId: string, itemId: string): number {
    const key = `${storeId}\u0000${itemId}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.index.set(key, id);
      this.keys.push({ storeId, itemId });
    }
    return id;
  }

  /** Appends a row; `epochDay` is days since 1970-01-01, NaN marks an absent value. */
  push(epochDay: number, series: number, units: number, price: number, discount: number, promo: number, markdown: number, onlineUnits: number, censored: boolean): void {
    if (this.n === this.day.length) this.reserve(this.n * 2);
    const i = this.n++;
    this.day[i] = epochDay;
    this.series[i] = series;
    this.units[i] = units;
    this.price[i] = price;
    this.discount[i] = discount;
    this.promo[i] = promo;
    this.markdown[i] = markdown;
    this.onlineUnits[i] = onlineUnits;
    this.censored[i] = censored ? 1 : 0;
    const has = this.has;
    if (!has.price && !Number.isNaN(price)) has.price = true;
    if (!has.discount && !Number.isNaN(discount)) has.discount = true;
    if (!has.promo && !Number.isNaN(promo)) has.promo = true;
    if (!has.markdown && !Number.isNaN(markdown)) has.markdown = true;
    if (!has.onlineUnits && !Number.isNaN(onlineUnits)) has.onlineUnits = true;
    if (censored) has.censored = true;
  }

  private reserve(capacity: number): void {
    this.day = grow(this.day, capacity);
    this.series = grow(this.series, capacity);
    this.units = grow(this.units, capacity);
    this.price = grow(this.price, capacity);
    this.discount = grow(this.discount, capacity);
    this.promo = grow(this.promo, capacity);
    this.markdown = grow(this.markdown, capacity);
    this.onlineUnits = grow(this.onlineUnits, capacity);
    this.censored = grow(this.censored, capacity);
  }
}
