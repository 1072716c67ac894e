import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { panelFromColumns } from "./build-panel";
import { dateCell, epochDayCell, flagCell, idCell, isEmptyCell, isFlagCell, isTrueCell, nonNegativeCell, numberCell, textCell } from "./csv-fields";
import type { CsvHeader, CsvProblem, CsvTable, RowOf } from "./csv-table";
import { CsvError, findColumn, MAX_PROBLEMS, parseCsv, requireColumn, rowReader, streamCsv, unclaimedColumns, validateRows } from "./csv-table";
import { SalesColumns } from "./sales-columns";
import type { CalendarRow, CensoredRow, ItemRow, MissingRowPolicy, Panel, StoreRow } from "./types";

/** Accepted header spellings per field, first = the documented name. */
const SALES_COLUMNS = {
  date: ["date", "day", "ds", "sale_date"],
  store_id: ["store_id", "store", "store_code", "location_id"],
  item_id: ["item_id", "item", "sku", "sku_id", "product_id"],
  units: ["units", "qty", "quantity", "units_sold"],
  price: ["price", "unit_price", "sell_price"],
  discount: ["discount", "discount_rate"],
  promo: ["promo", "promotion", "on_promo", "is_promo"],
  markdown: ["markdown", "markdown_rate"],
  online_units: ["online_units", "online_qty"],
  censored: ["censored", "stockout", "out_of_stock"],
} as const;

/** Cell schemas per field; absent optional columns read as undefined. */
const salesRequired = { date: epochDayCell, store_id: idCell, item_id: idCell, units: numberCell };
const salesOptional = {
  price: nonNegativeCell,
  discount: nonNegativeCell,
  promo: flagCell,
  markdown: nonNegativeCell,
  online_units: nonNegativeCell,
  censored: flagCell,
};

const STORE_COLUMNS = {
  id: ["store_id", "id", "store"],
  name: ["name", "store_name"],
  region: ["region"],
  city: ["city"],
  format: ["format", "store_format"],
  size_sqm: ["size_sqm", "sqm", "area_sqm", "size"],
} as const;

const storeOptional = {
  name: textCell,
  region: textCell,
  city: textCell,
  format: textCell,
  size_sqm: nonNegativeCell,
};

const ITEM_COLUMNS = {
  id: ["item_id", "id", "sku", "product_id"],
  name: ["name", "item_name", "product_name"],
  category: ["category", "category_name", "department"],
  subcategory: ["subcategory", "sub_category"],
  brand: ["brand"],
  base_price: ["base_price", "list_price", "regular_price", "price"],
  unit_cost: ["unit_cost", "cost"],
} as const;

const itemOptional = {
  name: textCell,
  category: textCell,
  subcategory: textCell,
  brand: textCell,
  base_price: nonNegativeCell,
  unit_cost: nonNegativeCell,
};

const inventoryCells = { date: dateCell, store_id: idCell, item_id: idCell, on_hand: numberCell };

/** Calendar columns holding event names (as opposed to 0/1 flag columns named after the event). */
const EVENT_NAME_HEADER = /event|holiday|name|occasion|festival/;

type Columns = Record<string, readonly string[]>;
const locate = <C extends Columns>(h: CsvHeader, spec: C) => Object.fromEntries(Object.entries(spec).map(([key, names]) => [key, findColumn(h, names)])) as { [K in keyof C]: number };

/** The first of `names` present in `dir`, with its text. */
function readFirst(dir: string, names: readonly string[]): { file: string; text: string } | null {
  for (const name of names) {
    const file = path.join(dir, name);
    if (existsSync(file)) return { file: name, text: readFileSync(file, "utf8") };
  }
  return null;
}

function readTable(dir: string, names: readonly string[]): CsvTable | null {
  const found = readFirst(dir, names);
  return found ? parseCsv(found.file, found.text) : null;
}

function extrasOf(table: CsvTable, cells: string[], extra: [string, number][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [header, i] of extra) {
    const v = cells[i] ?? "";
    if (!isEmptyCell(v)) out[header] = v;
  }
  return out;
}

/**
 * Streams sales.csv into columns, validating each row with zod as it goes. Discounts and markdowns
 * are fractions; a file whose values exceed 1 is read as percentages (values above 100 are errors).
 */
function loadSales(file: string, text: string, warnings: string[]): SalesColumns {
  const sales = new SalesColumns();
  const problems: CsvProblem[] = [];
  let read: ((cells: string[], line: number) => RowOf<typeof salesRequired, typeof salesOptional> | undefined) | undefined;
  let columnName: Record<string, string> = {};
  const maxFraction = { discount: 0, markdown: 0 };
  streamCsv(
    file,
    text,
    (h) => {
      for (const key of ["date", "store_id", "item_id", "units"] as const) requireColumn(h, SALES_COLUMNS[key]);
      const columns = locate(h, SALES_COLUMNS);
      columnName = Object.fromEntries(Object.entries(columns).map(([key, i]) => [key, h.header[i] ?? key]));
      const unused = unclaimedColumns(h, Object.values(columns));
      if (unused.length > 0) warnings.push(`${file}: columns ${unused.map(([name]) => `"${name}"`).join(", ")} are not used by the forecaster`);
      read = rowReader(h, columns, salesRequired, salesOptional, problems);
    },
    (cells, line) => {
      const r = read!(cells, line);
      if (r === undefined) return problems.length < MAX_PROBLEMS;
      for (const key of ["discount", "markdown"] as const) {
        const v = r[key];
        if (typeof v !== "number") continue;
        if (v > 100) problems.push({ line, column: columnName[key], message: `${v} is neither a fraction (0–1) nor a percentage (0–100)` });
        maxFraction[key] = Math.max(maxFraction[key], v);
      }
      const id = sales.seriesOf(r.store_id, r.item_id);
      const promo = r.promo === true ? 1 : r.promo === false ? 0 : Number.NaN;
      sales.push(r.date, id, r.units ?? Number.NaN, r.price ?? Number.NaN, r.discount ?? Number.NaN, promo, r.markdown ?? Number.NaN, r.online_units ?? Number.NaN, r.censored === true);
      return problems.length < MAX_PROBLEMS;
    },
  );
  if (problems.length > 0) throw new CsvError(file, problems);
  for (const key of ["discount", "markdown"] as const) {
    if (maxFraction[key] <= 1) continue;
    warnings.push(`${file}: ${key} values above 1 were read as percentages`);
    const values = sales[key];
    for (let i = 0; i < sales.n; i++) values[i] = values[i]! / 100;
  }
  return sales;
}

function loadStores(table: CsvTable): StoreRow[] {
  requireColumn(table, STORE_COLUMNS.id);
  const columns = locate(table, STORE_COLUMNS);
  const extra = unclaimedColumns(table, Object.values(columns));
  return validateRows(table, columns, { id: idCell }, storeOptional).map((r, i) => ({
    id: r.id,
    name: r.name,
    region: r.region,
    city: r.city,
    format: r.format,
    sizeSqm: r.size_sqm,
    extra: extrasOf(table, table.rows[i]!, extra),
  }));
}

function loadItems(table: CsvTable): ItemRow[] {
  requireColumn(table, ITEM_COLUMNS.id);
  const columns = locate(table, ITEM_COLUMNS);
  const extra = unclaimedColumns(table, Object.values(columns));
  return validateRows(table, columns, { id: idCell }, itemOptional).map((r, i) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    subcategory: r.subcategory,
    brand: r.brand,
    basePrice: r.base_price,
    unitCost: r.unit_cost,
    extra: extrasOf(table, table.rows[i]!, extra),
  }));
}

/**
 * Calendar columns are read by content: a column of 0/1 (or yes/no) flags marks the event named
 * by its header on its true days; a text column whose header says event/holiday/name carries the
 * names. Other columns (temperatures, weekday names) cannot be told apart from noise and are ignored.
 */
function loadCalendar(table: CsvTable, warnings: string[]): CalendarRow[] {
  const dateColumn = requireColumn(table, ["date", "day", "ds"]);
  const dates = validateRows(table, { date: dateColumn }, { date: dateCell });
  const flags: [string, number][] = [];
  const names: number[] = [];
  const ignored: string[] = [];
  for (const [header, i] of unclaimedColumns(table, [dateColumn])) {
    const values = table.rows.map((r) => r[i] ?? "").filter((v) => !isEmptyCell(v));
    if (values.length > 0 && values.every(isFlagCell)) flags.push([header.replace(/^is_/, ""), i]);
    else if (EVENT_NAME_HEADER.test(header)) names.push(i);
    else ignored.push(header);
  }
  if (ignored.length > 0) warnings.push(`${table.file}: columns ${ignored.map((h) => `"${h}"`).join(", ")} are neither event names nor 0/1 flags and were ignored`);
  return dates.map(({ date }, r) => {
    const cells = table.rows[r]!;
    const events = names.map((i) => cells[i] ?? "").filter((v) => !isEmptyCell(v) && !(isFlagCell(v) && !isTrueCell(v)));
    for (const [name, i] of flags) if (isTrueCell(cells[i] ?? "")) events.push(name);
    return { date, events };
  });
}

/** Days whose end-of-day on-hand was zero or less: sales that day were capped by stock. */
function loadStockouts(table: CsvTable): CensoredRow[] {
  const columns = {
    date: requireColumn(table, ["date"]),
    store_id: requireColumn(table, ["store_id", "store"]),
    item_id: requireColumn(table, ["item_id", "item", "sku"]),
    on_hand: requireColumn(table, ["on_hand", "stock", "on_hand_units"]),
  };
  return validateRows(table, columns, inventoryCells)
    .filter((r) => r.on_hand !== null && r.on_hand <= 0)
    .map((r) => ({ date: r.date, storeId: r.store_id, itemId: r.item_id }));
}

export interface CsvLoadOptions {
  missingRows?: MissingRowPolicy;
}

/**
 * Loads `DIR/sales.csv` (required) with the optional `stores.csv`, `catalog.csv` (or `items.csv`),
 * `calendar.csv` (or `holidays.csv`, `events.csv`) and `inventory.csv` (on-hand ≤ 0 marks censored days).
 * Throws CsvError naming the file, line and column of the first bad rows; nothing partial is returned.
 */
export function loadPanelFromCsvDir(dir: string, options: CsvLoadOptions = {}): Panel {
  const salesFile = readFirst(dir, ["sales.csv"]);
  if (!salesFile) throw new CsvError("sales.csv", [{ message: `not found in ${dir} (date, store_id, item_id, units are required)` }]);
  const warnings: string[] = [];
  const sales = loadSales(salesFile.file, salesFile.text, warnings);
  if (sales.n === 0) throw new CsvError("sales.csv", [{ message: "has a header but no rows" }]);
  const storesTable = readTable(dir, ["stores.csv"]);
  const itemsTable = readTable(dir, ["catalog.csv", "items.csv"]);
  const calendarTable = readTable(dir, ["calendar.csv", "holidays.csv", "events.csv"]);
  const inventoryTable = readTable(dir, ["inventory.csv"]);
  const panel = panelFromColumns(sales, {
    stores: storesTable ? loadStores(storesTable) : undefined,
    items: itemsTable ? loadItems(itemsTable) : undefined,
    calendar: calendarTable ? loadCalendar(calendarTable, warnings) : undefined,
    censored: inventoryTable ? loadStockouts(inventoryTable) : undefined,
    missingRows: options.missingRows,
    source: "sales.csv",
  });
  panel.warnings.unshift(...warnings);
  return panel;
}
