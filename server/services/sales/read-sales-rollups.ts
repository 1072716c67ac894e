import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { items, sales } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";

export type RollupGranularity = "day" | "week" | "month" | "total";

export type ItemCell = { period: string; storeId: string; category: string; itemId: string; itemName: string; revenue: number; units: number; cost: number };


const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Which whole weeks of the weekly rollup cover [from, to], and which days the daily rollup must
 * fill in: the partial weeks at either end and, for month buckets, weeks that straddle a month
 * (they belong to two buckets). Day buckets use days only.
 */
export function rollupCoverage(from: string, to: string, granularity: RollupGranularity): { weeks: string[]; days: string[] } {
  const weeks: string[] = [];
  const days: string[] = [];
  for (let day = from; day <= to; ) {
    const monday = new Date(day).getUTCDay() === 1;
    const sunday = addDays(day, 6);
    const whole = granularity !== "day" && monday && sunday <= to && (granularity !== "month" || day.slice(0, 7) === sunday.slice(0, 7));
    if (whole) {
      weeks.push(day);
      day = addDays(day, 7);
    } else {
      days.push(day);
      day = addDays(day, 1);
    }
  }
  return { weeks, days };
}

type Sums = { revenue: number; units: number; cost: number };

/** Sums per bucket (the series) and per store × category (the breakdowns), the two views every dashboard figure is added up from. */
export type SalesSums = { byPeriod: ({ period: string } & Sums)[]; byStoreCategory: ({ storeId: string; category: string } & Sums)[] };

/**
 * Sums of sales over [from, to] per bucket and per store × category, from the rollups (whole weeks
 * from the weekly one, the rest from the daily one). Both come out of one grouping-sets query, so
 * at most a few hundred rows leave the database: on PGlite, handing 9,000 cells to JavaScript cost
 * more (about 350 ms) than summing them in SQL. `total` returns one bucket, labelled `from`.
 */
export async function readSalesRollups(
  tx: Tx,
  input: { from: string; to: string; granularity: RollupGranularity; storeId?: string; category?: string },
): Promise<SalesSums> {
  const { from, to, granularity } = input;
  const { weeks, days } = rollupCoverage(from, to, granularity);
  const bucketOf = (column: SQL) =>
    granularity === "total"
      ? sql`${from}::date`
      : granularity === "day"
        ? column
        : sql`date_trunc(${sql.raw(`'${granularity}'`)}, ${column}::timestamp)::date`;
  const filters = sql.join(
    [
      // The tenant filter changes no result (RLS limits the rows) but lets the planner use the (tenant_id, bucket) key.
      sql`tenant_id = ${currentTenantId}`,
      ...(input.storeId ? [sql`store_id = ${input.storeId}`] : []),
      ...(input.category ? [sql`category = ${input.category}`] : []),
    ],
    sql` and `,
  );
  const parts: SQL[] = [];
  if (weeks.length > 0) {
    parts.push(sql`select ${bucketOf(sql`week`)} as period, store_id, category, units, revenue, cost
                     from sales_weekly_rollups where ${filters} and week = any(${`{${weeks.join(",")}}`}::date[])`);
  }
  if (days.length > 0) {
    parts.push(sql`select ${bucketOf(sql`date`)} as period, store_id, category, units, revenue, cost
                     from sales_daily_rollups where ${filters} and date = any(${`{${days.join(",")}}`}::date[])`);
  }
  if (parts.length === 0) return { byPeriod: [], byStoreCategory: [] };
  const rows = await executeRows<{ by_cell: number; period: string | null; store_id: string | null; category: string | null } & Sums>(
    tx,
    sql`select grouping(period) as by_cell, period::text as period, store_id, category,
               sum(units)::float8 as units, sum(revenue)::float8 as revenue, sum(cost)::float8 as cost
          from (${sql.join(parts, sql` union all `)}) cells group by grouping sets ((period), (store_id, category))`,
  );
  const sums = (r: Sums): Sums => ({ revenue: r.revenue, units: r.units, cost: r.cost });
  return {
    byPeriod: rows.filter((r) => r.by_cell === 0).map((r) => ({ period: r.period!, ...sums(r) })),
    byStoreCategory: rows.filter((r) => r.by_cell === 1).map((r) => ({ storeId: r.store_id!, category: r.category!, ...sums(r) })),
  };
}

/** The same two views of raw item cells (the item level of the drill-down). */
export function sumItemCells(cells: readonly ItemCell[]): SalesSums {
  const byPeriod = new Map<string, { period: string } & Sums>();
  const byStoreCategory = new Map<string, { storeId: string; category: string } & Sums>();
  for (const c of cells) {
    const p = byPeriod.get(c.period) ?? { period: c.period, revenue: 0, units: 0, cost: 0 };
    byPeriod.set(c.period, { ...p, revenue: p.revenue + c.revenue, units: p.units + c.units, cost: p.cost + c.cost });
    const key = `${c.storeId}\u0000${c.category}`;
    const s = byStoreCategory.get(key) ?? { storeId: c.storeId, category: c.category, revenue: 0, units: 0, cost: 0 };
    byStoreCategory.set(key, { ...s, revenue: s.revenue + c.revenue, units: s.units + c.units, cost: s.cost + c.cost });
  }
  return { byPeriod: [...byPeriod.values()], byStoreCategory: [...byStoreCategory.values()] };
}

/**
 * One store's sales of one category's items (or of one item) per bucket, from the raw rows: the
 * primary key (tenant, store, item, date) reaches them directly, a few thousand rows at most.
 */
export async function readItemSales(tx: Tx, input: { from: string; to: string; granularity: RollupGranularity; storeId: string; category: string; itemId?: string }): Promise<ItemCell[]> {
  const { from, to, granularity } = input;
  const bucket =
    granularity === "total" ? sql`${from}::text` : granularity === "day" ? sql`to_char(${sales.date}, 'YYYY-MM-DD')` : sql`to_char(date_trunc(${sql.raw(`'${granularity}'`)}, ${sales.date}::timestamp), 'YYYY-MM-DD')`;
  const rows = await tx
    .select({
      period: sql<string>`${bucket}`,
      itemId: sales.itemId,
      itemName: items.name,
      revenue: sql<number>`sum(${sales.units} * ${sales.price} * (1 - ${sales.discount}))::float8`,
      units: sql<number>`sum(${sales.units})::float8`,
      cost: sql<number>`sum(${sales.units} * ${items.unitCost})::float8`,
    })
    .from(sales)
    .innerJoin(items, and(eq(items.tenantId, sales.tenantId), eq(items.id, sales.itemId)))
    .where(and(eq(sales.tenantId, currentTenantId), eq(sales.storeId, input.storeId), eq(items.category, input.category), ...(input.itemId ? [eq(sales.itemId, input.itemId)] : []), gte(sales.date, from), lte(sales.date, to)))
    .groupBy(bucket, sales.itemId, items.name);
  return rows.map((r) => ({ ...r, storeId: input.storeId, category: input.category }));
}
