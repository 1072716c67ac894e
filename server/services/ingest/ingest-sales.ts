import "server-only";
import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { ingestEvents, items, stores } from "@/drizzle/schema";
import type { NewIngestEvent } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { detectAlerts } from "@/server/services/alerts/detect-alerts";
import { refreshSalesRollups } from "@/server/services/sales/refresh-sales-rollups";
import { text } from "@/server/validation/text";
import { FIRST_YEAR, LAST_YEAR } from "./date-formats";

export const MAX_EVENTS_PER_BATCH = 5_000;

const id = text({ min: 1, max: 64 });
const isoDate = z.iso
  .date("Dates are YYYY-MM-DD")
  .refine((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR, `Dates lie in ${FIRST_YEAR}–${LAST_YEAR}`);

export const saleEventSchema = z.strictObject({
  eventId: text({ min: 1, max: 128 }).describe("Your id of this sale event; an event id already received is ignored"),
  date: isoDate.describe("Day of the sale, YYYY-MM-DD"),
  storeId: id.describe("A store of this tenant"),
  itemId: id.describe("An item of this tenant's catalog"),
  units: z.number().int().min(0).max(1_000_000).describe("Units sold in the store"),
  onlineUnits: z.number().int().min(0).max(1_000_000).default(0).describe("Units sold online, fulfilled by the store"),
  price: z.number().min(0).max(9_999_999_999.99).optional().describe("Shelf price; the day keeps the last one sent, or the item's base price"),
  discount: z.number().min(0).max(1).optional().describe("Share of the price taken off, 0–1"),
  promo: z.boolean().optional().describe("Sold on promotion"),
});

export const ingestSalesSchema = z.strictObject({
  events: z.array(saleEventSchema).min(1, "Send at least one event").max(MAX_EVENTS_PER_BATCH, `At most ${MAX_EVENTS_PER_BATCH} events a batch`),
});
export type IngestSalesInput = z.input<typeof ingestSalesSchema>;
export type IngestSalesResult = { received: number; accepted: number; duplicates: number; salesDays: number; alertsRaised: number };

/**
 * Adds a batch of sale events to the tenant's daily sales, in the caller's tenant transaction:
 * all of it or, on any bad event, none of it. Events whose id was received before (or repeats
 * within the batch) are ignored, so a client may resend a batch after a timeout. The new events
 * add their units to the store × item × day rows, and the rollups the dashboards read are
 * refreshed for the store-days they touched, and those days checked for anomalies (alerts), in
 * the same transaction.
 */
export async function ingestSales(tx: Tx, actor: Actor, input: IngestSalesInput): Promise<IngestSalesResult> {
  const { events } = ingestSalesSchema.parse(input);
  const storeIds = [...new Set(events.map((e) => e.storeId))];
  const itemIds = [...new Set(events.map((e) => e.itemId))];
  const knownStores = new Set((await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, storeIds))).map((s) => s.id));
  const knownItems = new Set((await tx.select({ id: items.id }).from(items).where(inArray(items.id, itemIds))).map((i) => i.id));
  events.forEach((e, i) => {
    if (!knownStores.has(e.storeId)) throw new AppError("bad_request:validation", `events.${i}.storeId: "${e.storeId}" is not a store of this workspace`);
    if (!knownItems.has(e.itemId)) throw new AppError("bad_request:validation", `events.${i}.itemId: "${e.itemId}" is not an item of this workspace's catalog`);
  });
  const firstById = new Map<string, (typeof events)[number]>();
  for (const e of events) if (!firstById.has(e.eventId)) firstById.set(e.eventId, e);
  const rows: NewIngestEvent[] = [...firstById.values()].map((e) => ({ tenantId: actor.tenantId, eventId: e.eventId, date: e.date, storeId: e.storeId, itemId: e.itemId, units: e.units }));
  const fresh = new Set((await tx.insert(ingestEvents).values(rows).onConflictDoNothing().returning({ eventId: ingestEvents.eventId })).map((r) => r.eventId));
  const accepted = [...firstById.values()].filter((e) => fresh.has(e.eventId));
  if (accepted.length === 0) return { received: events.length, accepted: 0, duplicates: events.length, salesDays: 0, alertsRaised: 0 };

  const payload = JSON.stringify(
    accepted.map((e, order) => ({ order, date: e.date, store_id: e.storeId, item_id: e.itemId, units: e.units, online_units: e.onlineUnits, price: e.price ?? null, discount: e.discount ?? null, promo: e.promo ?? null })),
  );
  // One row per store × item × day: units add up, the last price and discount sent win, any promo marks the day.
  const [changed] = await executeRows<{ days: number }>(tx, sql`
    with e as (
      select * from jsonb_to_recordset(${payload}::jsonb)
        as x("order" int, date date, store_id text, item_id text, units int, online_units int, price numeric, discount float8, promo boolean)
    ), day as (
      select date, store_id, item_id, sum(units)::int as units, sum(online_units)::int as online_units,
             (array_agg(price order by "order" desc) filter (where price is not null))[1] as price,
             (array_agg(discount order by "order" desc) filter (where discount is not null))[1] as discount,
             bool_or(promo) as promo
        from e group by date, store_id, item_id
    ), up as (
      insert into sales as s (tenant_id, date, store_id, item_id, units, price, discount, promo, online_units)
      select (select app_current_tenant_id()), d.date, d.store_id, d.item_id, d.units, coalesce(d.price, i.base_price),
             coalesce(d.discount, 0), coalesce(d.promo, false), d.online_units
        from day d join items i on i.id = d.item_id
      on conflict (tenant_id, store_id, item_id, date) do update set
        units = s.units + excluded.units,
        online_units = s.online_units + excluded.online_units,
        price = case when (select d.price from day d where (d.date, d.store_id, d.item_id) = (excluded.date, excluded.store_id, excluded.item_id)) is null then s.price else excluded.price end,
        discount = case when (select d.discount from day d where (d.date, d.store_id, d.item_id) = (excluded.date, excluded.store_id, excluded.item_id)) is null then s.discount else excluded.discount end,
        promo = s.promo or excluded.promo
      returning 1)
    select count(*)::int as days from up`);
  await refreshSalesRollups(tx, { storeDays: sql`select store_id, date from jsonb_to_recordset(${payload}::jsonb) as x(store_id text, date date)` });
  const raised = await detectAlerts(tx, sql`select store_id, item_id, date from jsonb_to_recordset(${payload}::jsonb) as x(store_id text, item_id text, date date)`);
  return { received: events.length, accepted: accepted.length, duplicates: events.length - accepted.length, salesDays: changed?.days ?? 0, alertsRaised: raised.filter((a) => a.notified).length };
}
