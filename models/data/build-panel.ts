import { epochDayToIso, isoToEpochDay } from "./dates";
import { SalesColumns } from "./sales-columns";
import type { CalendarRow, ItemAttributes, ItemRow, MissingRowPolicy, Panel, PanelInput, Series, StoreAttributes, StoreRow } from "./types";

/** Share of active (series, day) cells that must have a row before "auto" reads a missing row as a gap. */
const DENSE_COVERAGE = 0.95;
/** A date with no row at all is a gap (not a day when nothing sold) when the file usually has this many rows per date. */
const GAP_DAY_MIN_ROWS = 5;

interface Accumulator {
  storeId: string;
  itemId: string;
  units: Float32Array;
  rows: Uint8Array;
  price: Float32Array | null;
  discount: Float32Array | null;
  promo: Float32Array | null;
  markdown: Float32Array | null;
  onlineUnits: Float32Array | null;
  censored: Uint8Array;
}

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const orNaN = (v: number | null | undefined) => (finite(v) ? v : Number.NaN);
const flag = (v: boolean | number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v === true || (typeof v === "number" && v > 0) ? 1 : 0);
const keyOf = (storeId: string, itemId: string) => `${storeId}\u0000${itemId}`;

function parseDay(date: string, where: string): number {
  const day = isoToEpochDay(date);
  if (day === null) throw new Error(`${where}: date "${date}" is not a valid YYYY-MM-DD date`);
  return day;
}

function nanArray(n: number): Float32Array {
  return new Float32Array(n).fill(Number.NaN);
}

/** Builds the in-memory panel from plain rows (database rows or parsed CSV). */
export function panelFromRows(input: PanelInput): Panel {
  const source = input.source ?? "sales";
  const columns = new SalesColumns();
  const days = new Map<string, number>();
  for (let i = 0; i < input.sales.length; i++) {
    const r = input.sales[i]!;
    if (!r.storeId || !r.itemId) throw new Error(`${source} row ${i + 1}: store and item ids are required`);
    let day = days.get(r.date);
    if (day === undefined) days.set(r.date, (day = parseDay(r.date, `${source} row ${i + 1}`)));
    if (r.units !== null && !finite(r.units)) throw new Error(`${source} row ${i + 1}: units ${String(r.units)} is not a number`);
    for (const [column, v] of [["discount", r.discount], ["markdown", r.markdown]] as const) {
      if (finite(v) && (v < 0 || v > 1)) throw new Error(`${source} row ${i + 1}: ${column} ${v} is outside 0–1 (a fraction of the price)`);
    }
    const censored = r.censored === true || (typeof r.censored === "number" && r.censored > 0);
    columns.push(day, columns.seriesOf(r.storeId, r.itemId), orNaN(r.units), orNaN(r.price), orNaN(r.discount), flag(r.promo), orNaN(r.markdown), orNaN(r.onlineUnits), censored);
  }
  return panelFromColumns(columns, input);
}

/** Builds the panel from column-stored sales (what the CSV loader produces) plus the optional sources. */
export function panelFromColumns(sales: SalesColumns, input: Omit<PanelInput, "sales">): Panel {
  const source = input.source ?? "sales";
  if (sales.n === 0) throw new Error(`${source}: no sales rows`);
  const warnings: string[] = [];
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < sales.n; i++) {
    const day = sales.day[i]!;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const nDays = maxDay - minDay + 1;
  const has = sales.has;

  const accs: Accumulator[] = sales.keys.map(({ storeId, itemId }) => ({
    storeId,
    itemId,
    units: nanArray(nDays),
    rows: new Uint8Array(nDays),
    price: has.price ? nanArray(nDays) : null,
    discount: has.discount ? nanArray(nDays) : null,
    promo: has.promo ? nanArray(nDays) : null,
    markdown: has.markdown ? nanArray(nDays) : null,
    onlineUnits: has.onlineUnits ? nanArray(nDays) : null,
    censored: new Uint8Array(nDays),
  }));
  const rowsPerDay = new Int32Array(nDays);
  let duplicates = 0;
  let negatives = 0;
  let unknownUnits = 0;
  for (let i = 0; i < sales.n; i++) {
    const acc = accs[sales.series[i]!]!;
    const d = sales.day[i]! - minDay;
    let units = sales.units[i]!;
    if (Number.isNaN(units)) unknownUnits++;
    else if (units < 0) {
      negatives++;
      units = 0;
    }
    const online = sales.onlineUnits[i]!;
    rowsPerDay[d]!++;
    if (acc.rows[d]) {
      // Duplicates (e.g. one row per till) add up; the later row's price and flags win.
      duplicates++;
      if (!Number.isNaN(units)) acc.units[d] = Number.isNaN(acc.units[d]!) ? units : acc.units[d]! + units;
      if (acc.onlineUnits && !Number.isNaN(online)) acc.onlineUnits[d] = Number.isNaN(acc.onlineUnits[d]!) ? online : acc.onlineUnits[d]! + online;
    } else {
      acc.rows[d] = 1;
      acc.units[d] = units;
      if (acc.onlineUnits) acc.onlineUnits[d] = online;
    }
    if (acc.price && !Number.isNaN(sales.price[i]!)) acc.price[d] = sales.price[i]!;
    if (acc.discount && !Number.isNaN(sales.discount[i]!)) acc.discount[d] = sales.discount[i]!;
    if (acc.promo && !Number.isNaN(sales.promo[i]!)) acc.promo[d] = Math.max(sales.promo[i]!, Number.isNaN(acc.promo[d]!) ? 0 : acc.promo[d]!);
    if (acc.markdown && !Number.isNaN(sales.markdown[i]!)) acc.markdown[d] = sales.markdown[i]!;
    if (sales.censored[i]) acc.censored[d] = 1;
  }
  if (duplicates > 0) warnings.push(`${source}: ${duplicates} duplicate (date, store, item) rows were summed`);
  if (negatives > 0) warnings.push(`${source}: ${negatives} rows with negative units (returns) were read as 0`);
  if (unknownUnits > 0) warnings.push(`${source}: ${unknownUnits} rows without units were read as unknown`);

  accs.sort((a, b) => (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const spans = accs.map(activeSpan);
  const policy = resolvePolicy(input.missingRows ?? "auto", accs, spans);
  const gapDay = calendarGaps(rowsPerDay);
  const gapCount = gapDay.reduce((s, g) => s + g, 0);
  if (gapCount > 0) warnings.push(`${source}: ${gapCount} dates have no rows at all and are read as unknown`);

  const series = accs.map((acc, i) => finishSeries(acc, spans[i]!, policy, gapDay));
  const index = new Map(series.map((s, i) => [keyOf(s.storeId, s.itemId), i]));
  let hasCensored = has.censored;
  if (input.censored?.length) {
    let unmatched = 0;
    input.censored.forEach((c, i) => {
      const d = parseDay(c.date, `censored row ${i + 1}`) - minDay;
      const s = index.get(keyOf(c.storeId, c.itemId));
      if (s === undefined || d < 0 || d >= nDays) unmatched++;
      else {
        series[s]!.censored[d] = 1;
        hasCensored = true;
      }
    });
    if (unmatched > 0) warnings.push(`censored: ${unmatched} rows name a series or date outside the sales history and were ignored`);
  }

  const dates = Array.from({ length: nDays }, (_, d) => epochDayToIso(minDay + d));
  return {
    dates,
    nDays,
    startEpochDay: minDay,
    series,
    stores: storeMap(input.stores ?? []),
    items: itemMap(input.items ?? []),
    events: eventMap(input.calendar ?? []),
    has: { ...has, censored: hasCensored, calendar: (input.calendar?.length ?? 0) > 0 },
    warnings,
  };
}

interface Span {
  first: number;
  last: number;
  rows: number;
}

function activeSpan(acc: Accumulator): Span {
  let firstRow = -1;
  let firstSale = -1;
  let last = -1;
  let rows = 0;
  for (let d = 0; d < acc.rows.length; d++) {
    if (!acc.rows[d]) continue;
    if (firstRow < 0) firstRow = d;
    if (firstSale < 0 && acc.units[d]! > 0) firstSale = d;
    last = d;
  }
  const first = firstSale >= 0 ? firstSale : firstRow;
  for (let d = first; d <= last; d++) rows += acc.rows[d]!;
  return { first, last, rows };
}

function resolvePolicy(policy: MissingRowPolicy, accs: Accumulator[], spans: Span[]): "zero" | "unknown" {
  if (policy !== "auto") return policy;
  let rows = 0;
  let days = 0;
  spans.forEach((s) => {
    rows += s.rows;
    days += s.last - s.first + 1;
  });
  return accs.length > 0 && rows >= DENSE_COVERAGE * days ? "unknown" : "zero";
}

function calendarGaps(rowsPerDay: Int32Array): Uint8Array {
  const gap = new Uint8Array(rowsPerDay.length);
  let present = 0;
  let rows = 0;
  for (const n of rowsPerDay) {
    if (n === 0) continue;
    present++;
    rows += n;
  }
  // With few rows per date an empty date is more likely a day when nothing sold than missing data.
  if (rows < GAP_DAY_MIN_ROWS * present) return gap;
  for (let d = 0; d < gap.length; d++) gap[d] = rowsPerDay[d] === 0 ? 1 : 0;
  return gap;
}

function finishSeries(acc: Accumulator, span: Span, policy: "zero" | "unknown", gapDay: Uint8Array): Series {
  const { first, last } = span;
  const n = acc.units.length;
  const units = acc.units;
  for (let d = 0; d < n; d++) {
    if (d < first || d > last) units[d] = Number.NaN;
    else if (!acc.rows[d]) units[d] = policy === "zero" && !gapDay[d] ? 0 : Number.NaN;
  }
  const censored = acc.censored;
  for (let d = 0; d < n; d++) if (d < first || d > last) censored[d] = 0;
  const series: Series = { storeId: acc.storeId, itemId: acc.itemId, firstDay: first, lastDay: last, units, censored };
  if (acc.price) series.price = carryForward(acc.price, first, last, Number.NaN);
  if (acc.markdown) series.markdown = carryForward(acc.markdown, first, last, 0);
  if (acc.discount) series.discount = zeroFill(acc.discount, first, last);
  if (acc.promo) series.promo = zeroFill(acc.promo, first, last);
  if (acc.onlineUnits) {
    const online = acc.onlineUnits;
    // Online units are unknown exactly where units are; otherwise an unrecorded value means none sold online.
    for (let d = 0; d < n; d++) online[d] = Number.isNaN(units[d]!) ? Number.NaN : Number.isNaN(online[d]!) ? 0 : online[d]!;
    series.onlineUnits = online;
  }
  return series;
}

/** Values in force: each day without one takes the last known value (the first known one before any). */
function carryForward(values: Float32Array, first: number, last: number, initial: number): Float32Array {
  let current = initial;
  for (let d = first; d <= last; d++) {
    if (!Number.isNaN(values[d]!)) {
      current = values[d]!;
      break;
    }
  }
  for (let d = 0; d < values.length; d++) {
    if (d < first || d > last) values[d] = Number.NaN;
    else if (Number.isNaN(values[d]!)) values[d] = current;
    else current = values[d]!;
  }
  return values;
}

function zeroFill(values: Float32Array, first: number, last: number): Float32Array {
  for (let d = 0; d < values.length; d++) {
    if (d < first || d > last) values[d] = Number.NaN;
    else if (Number.isNaN(values[d]!)) values[d] = 0;
  }
  return values;
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === "" ? undefined : v);

function storeMap(rows: readonly StoreRow[]): Map<string, StoreAttributes> {
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: opt(r.name), region: opt(r.region), city: opt(r.city), format: opt(r.format), sizeSqm: finite(r.sizeSqm) ? r.sizeSqm : undefined, extra: { ...(r.extra ?? {}) } },
    ]),
  );
}

function itemMap(rows: readonly ItemRow[]): Map<string, ItemAttributes> {
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: opt(r.name),
        category: opt(r.category),
        subcategory: opt(r.subcategory),
        brand: opt(r.brand),
        basePrice: finite(r.basePrice) ? r.basePrice : undefined,
        unitCost: finite(r.unitCost) ? r.unitCost : undefined,
        extra: { ...(r.extra ?? {}) },
      },
    ]),
  );
}

function eventMap(rows: readonly CalendarRow[]): Map<string, string[]> {
  const events = new Map<string, string[]>();
  rows.forEach((r, i) => {
    const iso = epochDayToIso(parseDay(r.date, `calendar row ${i + 1}`));
    const names = r.events.map((e) => e.trim()).filter((e) => e.length > 0);
    if (names.length === 0) return;
    const list = events.get(iso) ?? [];
    for (const name of names) if (!list.includes(name)) list.push(name);
    events.set(iso, list);
  });
  return events;
}
