import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { items, sales } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";

export type RollupGranularity = "day" | "week" | "month" | "total";

export type ItemCell = { period: string; storeId: string; category: string; itemId: string; itemName: string; revenue: number; units: number; cost: number };

export type RollupCell = { period: string; storeId: string; category: string; revenue: number; units: number; cost: number; salesRows: number };

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

/**
 * Sums of sales per bucket × store × category over [from, to] from the rollups (whole weeks from
 * the weekly one, the rest from the daily one): a few thousand rows for any period, where the raw
 * sales hold a million. `total` returns one bucket, labelled `from`.
 */
export async function readSalesRollups(
  tx: Tx,
  input: { from: string; to: string; granularity: RollupGranularity; storeId?: string; category?: string },
): Promise<RollupCell[]> {
  const { from, to, granularity } = input;
  const { weeks, days } = rollupCoverage(from, to, granularity);
  const bucketOf = (column: SQL) =>
    granularity === "total"
      ? sql`${from}::text`
      : granularity === "day"
        ? sql`to_char(${column}, 'YYYY-MM-DD')`
        : sql`to_char(date_trunc(${sql.raw(`'${granularity}'`)}, ${column}::timestamp), 'YYYY-MM-DD')`;
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
    parts.push(sql`select ${bucketOf(sql`week`)} as period, store_id, category, units, revenue, cost, sales_rows
                     from sales_weekly_rollups where ${filters} and week = any(${`{${weeks.join(",")}}`}::date[])`);
  }
  if (days.length > 0) {
    parts.push(sql`select ${bucketOf(sql`date`)} as period, store_id, category, units, revenue, cost, sales_rows
                     from sales_daily_rollups where ${filters} and date = any(${`{${days.join(",")}}`}::date[])`);
  }
  if (parts.length === 0) return [];
  const rows = await executeRows<{ period: string; store_id: string; category: string; units: number; revenue: number; cost: number; sales_rows: number }>(
    tx,
    sql`select period, store_id, category, sum(units)::float8 as units, sum(revenue)::float8 as revenue, sum(cost)::float8 as cost, sum(sales_rows)::float8 as sales_rows
          from (${sql.join(parts, sql` union all `)}) cells group by period, store_id, category`,
  );
  return rows.map((r) => ({ period: r.period, storeId: r.store_id, category: r.category, units: r.units, revenue: r.revenue, cost: r.cost, salesRows: r.sales_rows }));
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
