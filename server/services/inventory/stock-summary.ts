import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";
import { dashboardFiltersSchema } from "@/server/services/sales/dashboard-filters";
import type { DashboardFilters } from "@/server/services/sales/dashboard-filters";

const COVER_WINDOW_DAYS = 28;

/**
 * Stock figures for the dashboard's filters: the value of the latest stock count on or before
 * `to` of each store × item at catalog unit cost, its days of cover at the last 28 days' sales
 * rate (in store and online), and the stockout rate over the period — the share of stock counts
 * that found the shelf empty (the history marks stocked-out days no other way: demand that
 * could not be sold simply is not in the sales).
 */
export async function stockSummary(tx: Tx, input: DashboardFilters) {
  const f = dashboardFiltersSchema.parse(input);
  const where = sql.join(
    [
      sql`v.tenant_id = ${currentTenantId}`,
      ...(f.storeId ? [sql`v.store_id = ${f.storeId}`] : []),
      ...(f.category ? [sql`i.category = ${f.category}`] : []),
      ...(f.itemId ? [sql`v.item_id = ${f.itemId}`] : []),
    ],
    sql` and `,
  );
  const join = sql`join items i on i.tenant_id = v.tenant_id and i.id = v.item_id`;
  const [row] = await executeRows<{ counted_on: string | null; on_hand: number; value: number; counts: number; empty: number; sold: number }>(
    tx,
    sql`with latest as (
          select distinct on (v.store_id, v.item_id) v.store_id, v.item_id, v.date, v.on_hand, i.unit_cost
            from inventory v ${join} where ${where} and v.date <= ${f.to}
           order by v.store_id, v.item_id, v.date desc
        )
        select (select max(date)::text from latest) as counted_on,
               (select coalesce(sum(on_hand), 0)::float8 from latest) as on_hand,
               (select coalesce(sum(on_hand * unit_cost), 0)::float8 from latest) as value,
               (select count(*)::int from inventory v ${join} where ${where} and v.date between ${f.from} and ${f.to}) as counts,
               (select count(*)::int from inventory v ${join} where ${where} and v.date between ${f.from} and ${f.to} and v.on_hand = 0) as empty,
               (select coalesce(sum(v.units + v.online_units), 0)::float8 from sales v ${join}
                 where ${where} and v.date > ${f.to}::date - ${COVER_WINDOW_DAYS}::int and v.date <= ${f.to}) as sold`,
  );
  const r = row!;
  const dailyRate = r.sold / COVER_WINDOW_DAYS;
  return {
    countedOn: r.counted_on,
    onHandUnits: r.on_hand,
    inventoryValue: r.value,
    daysOfCover: dailyRate > 0 ? r.on_hand / dailyRate : null,
    stockCounts: r.counts,
    stockoutRate: r.counts > 0 ? r.empty / r.counts : null,
  };
}
export type StockSummary = Awaited<ReturnType<typeof stockSummary>>;
