import { and, asc, desc, eq, gte, lte, max, min, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import { items, sales, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";

const isoDate = z.iso.date("Dates are YYYY-MM-DD");

export const salesSummarySchema = z
  .object({
    from: isoDate.optional().describe("First day included (default: 90 days before the latest sale)"),
    to: isoDate.optional().describe("Last day included (default: the latest sale)"),
    storeId: z.string().trim().min(1).max(64).optional().describe("Only this store"),
    category: z.string().trim().min(1).max(100).optional().describe("Only items of this category"),
    granularity: z.enum(["day", "week", "month"]).optional().describe("Bucket size of the time series (default by range length)"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "from must not be after to", path: ["from"] });
export type SalesSummaryInput = z.input<typeof salesSummarySchema>;

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

// Revenue is what customers paid: shelf price less the discount fraction.
const revenue = sql<number>`coalesce(sum(${sales.units} * ${sales.price} * (1 - ${sales.discount})), 0)::float8`;
const units = sql<number>`coalesce(sum(${sales.units}), 0)::float8`;
const cost = sql<number>`coalesce(sum(${sales.units} * ${items.unitCost}), 0)::float8`;

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
  const [bounds] = await tx.select({ first: min(sales.date), last: max(sales.date) }).from(sales);
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
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  const granularity = parsed.granularity ?? (days > 400 ? "month" : days > 120 ? "week" : "day");

  if (parsed.storeId) {
    const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, parsed.storeId));
    if (!store) throw new AppError("not_found:store", `Store ${parsed.storeId} not found.`);
  }
  const filtersFor = (start: string, end: string) => {
    const filters: SQL[] = [gte(sales.date, start), lte(sales.date, end)];
    if (parsed.storeId) filters.push(eq(sales.storeId, parsed.storeId));
    if (parsed.category) filters.push(eq(items.category, parsed.category));
    return and(...filters);
  };
  const where = filtersFor(from, to);

  // Inlined, not a bind parameter: Postgres only matches GROUP BY to SELECT on identical expressions.
  // `granularity` is one of three literals checked by the schema above.
  const bucket = sql<string>`to_char(date_trunc(${sql.raw(`'${granularity}'`)}, ${sales.date}::timestamp), 'YYYY-MM-DD')`;
  // The period of equal length just before, for the change shown on each KPI.
  const [previous] = await tx
    .select({ revenue, units, cost })
    .from(sales)
    .innerJoin(items, eq(items.id, sales.itemId))
    .where(filtersFor(addDays(from, -days), addDays(from, -1)));
  const series = await tx
    .select({ period: bucket, revenue, units, cost })
    .from(sales)
    .innerJoin(items, eq(items.id, sales.itemId))
    .where(where)
    .groupBy(bucket)
    .orderBy(asc(bucket));
  const byStore = await tx
    .select({ storeId: sales.storeId, storeName: stores.name, revenue, units })
    .from(sales)
    .innerJoin(items, eq(items.id, sales.itemId))
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .where(where)
    .groupBy(sales.storeId, stores.name)
    .orderBy(desc(revenue));
  const byCategory = await tx
    .select({ category: items.category, revenue, units, cost })
    .from(sales)
    .innerJoin(items, eq(items.id, sales.itemId))
    .where(where)
    .groupBy(items.category)
    .orderBy(desc(revenue));

  const totals = series.reduce((acc, s) => ({ revenue: acc.revenue + s.revenue, units: acc.units + s.units, cost: acc.cost + s.cost }), { revenue: 0, units: 0, cost: 0 });
  const hasPrevious = previous !== undefined && previous.units > 0 && addDays(from, -days) >= bounds.first;
  return {
    period: { from, to, granularity, days },
    dataRange: { first: bounds.first, last: bounds.last },
    kpis: kpisOf(totals),
    /** The same figures for the preceding period of equal length, when the data covers it. */
    previousKpis: hasPrevious ? kpisOf(previous) : null,
    series: series.map((s) => ({ period: s.period, revenue: s.revenue, units: s.units, grossMargin: s.revenue - s.cost })),
    byStore,
    byCategory: byCategory.map((c) => ({ category: c.category, revenue: c.revenue, units: c.units, grossMargin: c.revenue - c.cost })),
  };
}
export type SalesSummary = Awaited<ReturnType<typeof salesSummary>>;
