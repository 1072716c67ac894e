import "server-only";
import { eq, max, min } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { sales, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { getItem } from "@/server/services/catalog/list-items";
import { readItemSales, readSalesRollups, sumItemCells } from "./read-sales-rollups";
import type { ItemCell, SalesSums } from "./read-sales-rollups";
import { SUMMARY_EARLIEST_DATE, SUMMARY_LATEST_DATE, SUMMARY_MAX_DAYS } from "@/server/validation/sales-period";

const isoDate = z.iso
  .date("Dates are YYYY-MM-DD")
  .refine((d) => d >= SUMMARY_EARLIEST_DATE && d <= SUMMARY_LATEST_DATE, `Dates lie between ${SUMMARY_EARLIEST_DATE} and ${SUMMARY_LATEST_DATE}`);

const DAY_MS = 86_400_000;
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
const tooLong = (days: number) => `The period may span at most ${SUMMARY_MAX_DAYS} days (3 years); this one spans ${days}`;

export const salesSummarySchema = z
  .object({
    from: isoDate.optional().describe("First day included (default: 90 days before the latest sale)"),
    to: isoDate.optional().describe("Last day included (default: the latest sale)"),
    storeId: text({ min: 1, max: 64 }).optional().describe("Only this store"),
    category: text({ min: 1, max: 100 }).optional().describe("Only items of this category"),
    itemId: text({ min: 1, max: 64 }).optional().describe("Only this item (with storeId: the drill-down goes tenant → store → category → item)"),
    granularity: z.enum(["day", "week", "month"]).optional().describe("Bucket size of the time series (default by range length)"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "from must not be after to", path: ["from"] })
  .refine((v) => !v.itemId || v.storeId, { message: "itemId needs storeId: an item is drilled into within one store", path: ["itemId"] })
  .superRefine((v, ctx) => {
    const days = v.from && v.to ? daysIn(v.from, v.to) : 0;
    if (days > SUMMARY_MAX_DAYS) ctx.addIssue({ code: "custom", message: tooLong(days), path: ["from"] });
  });
export type SalesSummaryInput = z.input<typeof salesSummarySchema>;

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

function kpisOf(t: { revenue: number; units: number; cost: number }) {
  const margin = t.revenue - t.cost;
  return {
    revenue: t.revenue,
    units: t.units,
    averagePrice: t.units > 0 ? t.revenue / t.units : null,
    grossMargin: margin,
    grossMarginPct: t.revenue > 0 ? margin / t.revenue : null,
  };
}

/** First and last day with sales, or null when the tenant has none. */
export async function salesDataRange(tx: Tx): Promise<{ first: string; last: string } | null> {
  const [bounds] = await tx.select({ first: min(sales.date), last: max(sales.date) }).from(sales).where(eq(sales.tenantId, currentTenantId));
  return bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
}

/** Dashboard figures: KPIs, a time series and breakdowns by store and category for one period. */
export async function salesSummary(tx: Tx, input: SalesSummaryInput) {
  const parsed = salesSummarySchema.parse(input);
  const bounds = await salesDataRange(tx);
  if (!bounds) {
    return { period: null, item: null, kpis: null, previousKpis: null, series: [], byStore: [], byCategory: [], byItem: [], movers: null, dataRange: null };
  }
  const to = parsed.to ?? bounds.last;
  const from = parsed.from ?? addDays(to, -89);
  const days = daysIn(from, to);
  // A `from` alone is measured against the default `to` (the latest sale).
  if (days > SUMMARY_MAX_DAYS) throw new AppError("bad_request:period", `from: ${tooLong(days)}`);
  const granularity = parsed.granularity ?? (days > 400 ? "month" : days > 120 ? "week" : "day");

  const storeNames = new Map((await tx.select({ id: stores.id, name: stores.name }).from(stores)).map((s) => [s.id, s.name]));
  if (parsed.storeId && !storeNames.has(parsed.storeId)) throw new AppError("not_found:store", `Store ${parsed.storeId} not found.`);
  const item = parsed.itemId ? await getItem(tx, parsed.itemId) : null;
  if (item && parsed.category && item.category !== parsed.category) throw new AppError("bad_request:validation", `itemId: item ${item.id} is in ${item.category}, not ${parsed.category}`);
  const filters = { storeId: parsed.storeId, category: item?.category ?? parsed.category };
  const previousFrom = addDays(from, -days);
  // The period of equal length just before, for the change shown on each KPI and breakdown row;
  // only read when the data reaches back that far, since a partial period would mislead.
  const previousPeriod = previousFrom >= bounds.first ? { from: previousFrom, to: addDays(from, -1) } : null;

  // Sums per bucket and per store × category from the rollups, from which the KPIs, the series
  // and the breakdowns are added up below. Below the category level (one store, one category: a
  // few dozen items) the raw sales are read by their primary key instead.
  const itemLevel = Boolean(parsed.storeId && filters.category);
  const itemCells = itemLevel ? await readItemSales(tx, { from, to, granularity, storeId: parsed.storeId!, category: filters.category! }) : [];
  const previousItemCells = itemLevel && previousPeriod ? await readItemSales(tx, { ...previousPeriod, granularity: "total", storeId: parsed.storeId!, category: filters.category! }) : [];
  const selected = (c: ItemCell) => !item || c.itemId === item.id;
  const current: SalesSums = itemLevel ? sumItemCells(itemCells.filter(selected)) : await readSalesRollups(tx, { from, to, granularity, ...filters });
  const before: SalesSums | null = !previousPeriod
    ? null
    : itemLevel
      ? sumItemCells(previousItemCells.filter(selected))
      : await readSalesRollups(tx, { ...previousPeriod, granularity: "total", ...filters });

  const cells = current.byStoreCategory;
  const previousCells = before?.byStoreCategory ?? null;
  const byPeriod = sumBy(current.byPeriod, (c) => c.period);
  const byStoreId = sumBy(cells, (c) => c.storeId);
  const byCategoryName = sumBy(cells, (c) => c.category);
  const previousByStore = previousCells ? sumBy(previousCells, (c) => c.storeId) : null;
  const previousByCategory = previousCells ? sumBy(previousCells, (c) => c.category) : null;
  const totals = total(current.byPeriod);
  const previous = before ? total(before.byPeriod) : null;
  const previousRevenue = (map: Map<string, Sums> | null, key: string) => (map ? (map.get(key)?.revenue ?? 0) : null);

  const byStore = [...byStoreId.entries()]
    .map(([storeId, s]) => ({ storeId, storeName: storeNames.get(storeId) ?? storeId, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost, previousRevenue: previousRevenue(previousByStore, storeId) }))
    .sort(byRevenue);
  const byCategory = [...byCategoryName.entries()]
    .map(([category, s]) => ({ category, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost, grossMarginPct: s.revenue > 0 ? (s.revenue - s.cost) / s.revenue : null, previousRevenue: previousRevenue(previousByCategory, category) }))
    .sort(byRevenue);
  const itemNames = new Map(itemCells.map((c) => [c.itemId, c.itemName]));
  const previousByItem = previousPeriod ? sumBy(previousItemCells, (c) => c.itemId) : null;
  const byItem = [...sumBy(itemCells, (c) => c.itemId).entries()]
    .map(([itemId, s]) => ({ itemId, itemName: itemNames.get(itemId) ?? itemId, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost, previousRevenue: previousRevenue(previousByItem, itemId) }))
    .sort(byRevenue);

  // Movers are the children of the current drill level: store × category at the top, then the
  // categories of a store or the stores of a category, then a category's items in one store.
  const moverRows: MoverRow[] = itemLevel
    ? byItem.map((r) => ({ key: r.itemId, label: r.itemName, revenue: r.revenue, previousRevenue: r.previousRevenue }))
    : parsed.storeId
      ? byCategory.map((r) => ({ key: r.category, label: r.category, revenue: r.revenue, previousRevenue: r.previousRevenue }))
      : filters.category
        ? byStore.map((r) => ({ key: r.storeId, label: r.storeName, revenue: r.revenue, previousRevenue: r.previousRevenue }))
        : storeCategoryMovers(cells, previousCells, storeNames);
  const movers = item || !previousPeriod ? null : { level: itemLevel ? "item" : parsed.storeId ? "category" : filters.category ? "store" : "store × category", ...moversOf(moverRows) };

  return {
    period: { from, to, granularity, days },
    dataRange: { first: bounds.first, last: bounds.last },
    item: item ? { itemId: item.id, itemName: item.name, category: item.category } : null,
    kpis: kpisOf(totals),
    /** The same figures for the preceding period of equal length, when the data covers it. */
    previousKpis: previous && previous.units > 0 ? kpisOf(previous) : null,
    series: [...byPeriod.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([period, s]) => ({ period, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost })),
    byStore,
    byCategory,
    byItem: item ? byItem.filter((r) => r.itemId === item.id) : byItem,
    movers,
  };
}
export type SalesSummary = Awaited<ReturnType<typeof salesSummary>>;

type Sums = { revenue: number; units: number; cost: number };
type Cell = { storeId: string; category: string } & Sums;
type MoverRow = { key: string; label: string; revenue: number; previousRevenue: number | null };

const byRevenue = (a: { revenue: number }, b: { revenue: number }) => b.revenue - a.revenue;
const total = (rows: Sums[]): Sums => rows.reduce((acc, s) => ({ revenue: acc.revenue + s.revenue, units: acc.units + s.units, cost: acc.cost + s.cost }), { revenue: 0, units: 0, cost: 0 });

function sumBy<T extends Sums>(rows: readonly T[], key: (row: T) => string): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of rows) {
    const acc = out.get(key(r)) ?? { revenue: 0, units: 0, cost: 0 };
    out.set(key(r), { revenue: acc.revenue + r.revenue, units: acc.units + r.units, cost: acc.cost + r.cost });
  }
  return out;
}

const MOVERS = 5;

/** The largest rises and falls of revenue against the previous period, with the change as a share when the previous period sold anything. */
function moversOf(rows: MoverRow[]) {
  const changed = rows
    .filter((r): r is MoverRow & { previousRevenue: number } => r.previousRevenue !== null)
    .map((r) => ({ ...r, change: r.revenue - r.previousRevenue, changePct: r.previousRevenue > 0 ? (r.revenue - r.previousRevenue) / r.previousRevenue : null }));
  return {
    up: changed.filter((r) => r.change > 0).sort((a, b) => b.change - a.change).slice(0, MOVERS),
    down: changed.filter((r) => r.change < 0).sort((a, b) => a.change - b.change).slice(0, MOVERS),
  };
}

/** Store × category cells are unique per pair already (one grouping set); the previous period is matched pair by pair. */
function storeCategoryMovers(cells: readonly Cell[], previous: readonly Cell[] | null, storeNames: Map<string, string>): MoverRow[] {
  const key = (c: Cell) => JSON.stringify([c.storeId, c.category]);
  const before = previous ? new Map(previous.map((c) => [key(c), c.revenue])) : null;
  return cells.map((c) => ({ key: key(c), label: `${storeNames.get(c.storeId) ?? c.storeId} · ${c.category}`, revenue: c.revenue, previousRevenue: before ? (before.get(key(c)) ?? 0) : null }));
}
