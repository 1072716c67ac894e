import "server-only";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";

/**
 * Which rollup cells a sales write touched: every store × day it wrote (`storeDays`, a query
 * returning `store_id` and `date` columns, duplicates allowed), or the tenant's whole history.
 */
export type RollupScope = { storeDays: SQL } | "tenant";

/** The tables kept here, for callers that must lift forced RLS to write them as the owner (the demo seed). */
export const ROLLUP_TABLES = ["sales_daily_rollups", "sales_weekly_rollups"] as const;

// Weeks start on Monday (ISO), as date_trunc('week') does.
const weekOf = (day: SQL) => sql`date_trunc('week', ${day}::timestamp)::date`;

/**
 * Rebuilds, from the raw `sales` rows, every daily and weekly store × category cell in `scope`,
 * in the caller's transaction. The ONE maintenance path for the rollups: the demo seed, the CSV
 * import and streaming ingest call it after writing sales, the catalog import after changing unit
 * costs or categories. Recomputing the touched cells instead of adding deltas is what keeps an
 * upsert that changes a day's units from double counting. Every statement filters on the current
 * tenant explicitly, so it is also correct on a connection RLS does not bind (the seed's owner).
 */
export async function refreshSalesRollups(tx: Tx | Db, scope: RollupScope): Promise<void> {
  const tenant = currentTenantId;
  const days = scope === "tenant" ? null : sql`select distinct store_id, date from (${scope.storeDays}) touched`;
  const inDays = (alias: string) => (days ? sql`and (${sql.raw(alias)}.store_id, ${sql.raw(alias)}.date) in (${days})` : sql``);
  const weeks = days ? sql`select distinct store_id, ${weekOf(sql`date`)} as week from (${days}) d` : null;
  const inWeeks = (alias: string, column: string) =>
    weeks ? sql`and (${sql.raw(alias)}.store_id, ${sql.raw(`${alias}.${column}`)}) in (${weeks})` : sql``;

  await tx.execute(sql`delete from sales_daily_rollups r where r.tenant_id = ${tenant} ${inDays("r")}`);
  await tx.execute(sql`
    insert into sales_daily_rollups (tenant_id, date, store_id, category, units, revenue, cost, sales_rows)
    select s.tenant_id, s.date, s.store_id, i.category,
           sum(s.units)::float8, sum(s.units * s.price * (1 - s.discount))::float8, sum(s.units * i.unit_cost)::float8, count(*)::int
      from sales s join items i on i.tenant_id = s.tenant_id and i.id = s.item_id
     where s.tenant_id = ${tenant} ${inDays("s")}
     group by s.tenant_id, s.date, s.store_id, i.category`);
  await tx.execute(sql`delete from sales_weekly_rollups r where r.tenant_id = ${tenant} ${inWeeks("r", "week")}`);
  await tx.execute(sql`
    insert into sales_weekly_rollups (tenant_id, week, store_id, category, units, revenue, cost, sales_rows)
    select d.tenant_id, ${weekOf(sql`d.date`)}, d.store_id, d.category, sum(d.units), sum(d.revenue), sum(d.cost), sum(d.sales_rows)::int
      from sales_daily_rollups d
     where d.tenant_id = ${tenant} ${weeks ? sql`and (d.store_id, ${weekOf(sql`d.date`)}) in (${weeks})` : sql``}
     group by d.tenant_id, ${weekOf(sql`d.date`)}, d.store_id, d.category`);
}
