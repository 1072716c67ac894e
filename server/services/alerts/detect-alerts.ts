import "server-only";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { detectAnomalies } from "@/models/anomaly";
import type { Anomaly, DayObservation } from "@/models/anomaly";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";
import { getProductionModel } from "@/server/services/models/registry";
import { getAlertRules } from "./alert-rules";
import { raiseAlert } from "./raise-alert";
import type { RaisedAlert } from "./raise-alert";

/**
 * Days older than this before the tenant's latest sale are not checked: importing last year's
 * history must not raise last year's anomalies as news.
 */
export const RECENT_DAYS = 7;
/** Most store × item × days one write checks (a bulk file's last week can be large). */
export const MAX_CHECKED_DAYS = 20_000;
/** Recent prices the usual price is the median of. */
const PRICE_DAYS = 28;

type ObservationRow = {
  store_id: string;
  item_id: string;
  date: string;
  units: number;
  price: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  history: number[];
  on_hand: number | null;
  counted_on: string | null;
  usual_price: number | null;
  unit_cost: number;
  complete: boolean;
};

/** Money at stake: margin lost or at risk for demand anomalies, stock unaccounted for at cost, revenue mispriced. */
function valueOf(a: Anomaly, row: ObservationRow): number | null {
  const usual = row.usual_price ?? 0;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  if (a.kind === "spike" || a.kind === "drop") return usual > row.unit_cost ? round2(Math.abs(a.unitsOff) * (usual - row.unit_cost)) : null;
  if (a.kind === "stock_discrepancy") return round2(a.unitsOff * row.unit_cost);
  return row.price === null || usual <= 0 ? null : round2(row.units * Math.abs(usual - row.price));
}

const observationOf = (r: ObservationRow): DayObservation => ({
  units: r.units,
  price: r.price,
  band: r.p10 === null || r.p50 === null || r.p90 === null ? null : { p10: r.p10, p50: r.p50, p90: r.p90 },
  history: r.history,
  onHand: r.on_hand,
  countedOn: r.counted_on,
  usualPrice: r.usual_price,
  complete: r.complete,
});

/**
 * Checks the store × item × days a sales write touched (`days`: a query returning store_id,
 * item_id and date, duplicates allowed) against the production forecast's band and the recent
 * history, in the writer's tenant transaction, and raises an alert for each anomaly: they commit
 * (and are announced) with the sales or not at all. Only the last RECENT_DAYS of the tenant's
 * sales are checked, and muted items never.
 */
export async function detectAlerts(tx: Tx, days: SQL): Promise<RaisedAlert[]> {
  const [rules, model] = await Promise.all([getAlertRules(tx), getProductionModel(tx)]);
  const t = currentTenantId;
  const rows = await executeRows<ObservationRow>(tx, sql`
    with latest as (select max(date) as d from sales_daily_rollups where tenant_id = ${t}),
    touched as (
      select distinct x.store_id, x.item_id, x.date from (${days}) x, latest
       where x.date > latest.d - ${RECENT_DAYS}::int and x.item_id not in (select jsonb_array_elements_text(${JSON.stringify(rules.mutedItems)}::jsonb))
       limit ${MAX_CHECKED_DAYS}
    )
    select d.store_id, d.item_id, d.date::text as date, s.units, s.price::float8 as price,
           f.p10, f.p50, f.p90, i.unit_cost::float8 as unit_cost,
           (select coalesce(array_agg(coalesce(h.units, 0) order by g.day), '{}')
              from generate_series(
                     greatest(d.date - ${rules.historyDays}::int,
                              (select min(first.date) from sales first where first.tenant_id = ${t} and first.store_id = d.store_id and first.item_id = d.item_id)),
                     d.date - 1, interval '1 day') g(day)
              left join sales h on h.tenant_id = ${t} and h.store_id = d.store_id and h.item_id = d.item_id and h.date = g.day::date) as history,
           inv.on_hand, inv.date::text as counted_on,
           coalesce((select percentile_cont(0.5) within group (order by p.price)
                       from sales p where p.tenant_id = ${t} and p.store_id = d.store_id and p.item_id = d.item_id
                        and p.date >= d.date - ${PRICE_DAYS}::int and p.date < d.date and p.price > 0),
                    i.base_price::float8) as usual_price,
           exists (select 1 from sales_daily_rollups r where r.tenant_id = ${t} and r.store_id = d.store_id and r.date > d.date) as complete
      from touched d
      join sales s on s.tenant_id = ${t} and s.store_id = d.store_id and s.item_id = d.item_id and s.date = d.date
      join items i on i.tenant_id = ${t} and i.id = d.item_id
      left join forecasts f on f.tenant_id = ${t} and f.model_version_id = ${model?.id ?? null}::uuid and f.store_id = d.store_id and f.item_id = d.item_id and f.date = d.date
      left join lateral (select c.on_hand, c.date from inventory c where c.tenant_id = ${t} and c.store_id = d.store_id and c.item_id = d.item_id and c.date <= d.date order by c.date desc limit 1) inv on true`);
  const raised: RaisedAlert[] = [];
  for (const row of rows) {
    for (const a of detectAnomalies(observationOf(row), rules)) {
      raised.push(await raiseAlert(tx, { kind: a.kind, severity: a.severity, reason: a.reason, date: row.date, storeId: row.store_id, itemId: row.item_id, evidence: a.evidence, value: valueOf(a, row) }));
    }
  }
  return raised;
}
