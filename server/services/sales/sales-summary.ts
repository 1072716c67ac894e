import "server-only";
import { eq, max, min } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { sales, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { readSalesRollups } from "./read-sales-rollups";
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
    granularity: z.enum(["day", "week", "month"]).optional().describe("Bucket size of the time series (default by range length)"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "from must not be after to", path: ["from"] })
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
    return { period: null, kpis: null, previousKpis: null, series: [], byStore: [], byCategory: [], dataRange: null };
  }
  const to = parsed.to ?? bounds.last;
  const from = parsed.from ?? addDays(to, -89);
  const days = daysIn(from, to);
  // A `from` alone is measured against the default `to` (the latest sale).
  if (days > SUMMARY_MAX_DAYS) throw new AppError("bad_request:period", `from: ${tooLong(days)}`);
  const granularity = parsed.granularity ?? (days > 400 ? "month" : days > 120 ? "week" : "day");

  const storeNames = new Map((await tx.select({ id: stores.id, name: stores.name }).from(stores)).map((s) => [s.id, s.name]));
  if (parsed.storeId && !storeNames.has(parsed.storeId)) throw new AppError("not_found:store", `Store ${parsed.storeId} not found.`);
  const filters = { storeId: parsed.storeId, category: parsed.category };
  // Sums per bucket × store × category from the rollups (a few thousand rows for any period), from
  // which the KPIs, the series and both breakdowns are added up below.
  const cells = await readSalesRollups(tx, { from, to, granularity, ...filters });

  // The period of equal length just before, for the change shown on each KPI; only read when the
  // data reaches back that far, since a partial period would make a misleading comparison.
  const previousFrom = addDays(from, -days);
  const previousCells = previousFrom >= bounds.first ? await readSalesRollups(tx, { from: previousFrom, to: addDays(from, -1), granularity: "total", ...filters }) : null;
  const previous = previousCells?.reduce((acc, c) => ({ revenue: acc.revenue + c.revenue, units: acc.units + c.units, cost: acc.cost + c.cost }), { revenue: 0, units: 0, cost: 0 });

  type Sums = { revenue: number; units: number; cost: number };
  const add = <K>(map: Map<K, Sums>, key: K, c: Sums) => {
    const acc = map.get(key) ?? { revenue: 0, units: 0, cost: 0 };
    map.set(key, { revenue: acc.revenue + c.revenue, units: acc.units + c.units, cost: acc.cost + c.cost });
  };
  const byPeriod = new Map<string, Sums>();
  const byStoreId = new Map<string, Sums>();
  const byCategoryName = new Map<string, Sums>();
  for (const c of cells) {
    add(byPeriod, c.period, c);
    add(byStoreId, c.storeId, c);
    add(byCategoryName, c.category, c);
  }
  const totals = [...byPeriod.values()].reduce((acc, s) => ({ revenue: acc.revenue + s.revenue, units: acc.units + s.units, cost: acc.cost + s.cost }), { revenue: 0, units: 0, cost: 0 });
  const byRevenue = (a: { revenue: number }, b: { revenue: number }) => b.revenue - a.revenue;
  return {
    period: { from, to, granularity, days },
    dataRange: { first: bounds.first, last: bounds.last },
    kpis: kpisOf(totals),
    /** The same figures for the preceding period of equal length, when the data covers it. */
    previousKpis: previous !== undefined && previous.units > 0 ? kpisOf(previous) : null,
    series: [...byPeriod.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([period, s]) => ({ period, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost })),
    byStore: [...byStoreId.entries()].map(([storeId, s]) => ({ storeId, storeName: storeNames.get(storeId) ?? storeId, revenue: s.revenue, units: s.units })).sort(byRevenue),
    byCategory: [...byCategoryName.entries()].map(([category, s]) => ({ category, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost })).sort(byRevenue),
  };
}
export type SalesSummary = Awaited<ReturnType<typeof salesSummary>>;
