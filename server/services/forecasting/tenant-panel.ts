import "server-only";
import { sql } from "drizzle-orm";
import { panelFromColumns, SalesColumns } from "@/models/data";
import type { Panel } from "@/models/data";
import { isoToEpochDay } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { AppError } from "@/server/errors/app-error";

/** One series' days packed as "epochDay,units,price,discount,promo,online;…" in date order. */
type SeriesRow = { store_id: string; item_id: string; days: string };
type MarkdownRow = { store_id: string; item_id: string; start_date: string; markdown: number };

/** A tenant's sources as the panel needs them, however they were read (the database, or the demo generator before seeding). */
export type TenantSources = {
  /** Calls `push` once per sales row. */
  eachSale: (push: (storeId: string, itemId: string, epochDay: number, units: number, price: number, discount: number, promo: number, onlineUnits: number) => void) => void;
  markdowns: readonly { storeId: string; itemId: string; startDate: string; markdown: number }[];
  stores: readonly { id: string; name: string; region: string | null; city: string | null; format: string | null; sizeSqm: number | null }[];
  items: readonly { id: string; name: string; category: string; subcategory: string | null; brand: string | null; basePrice: number; unitCost: number }[];
  /** Event names per date, sorted by name. */
  events: readonly { date: string; names: string[] }[];
};

/**
 * The panel of a tenant's sources. Markdowns are stored as events and applied to each day from
 * their start; a tenant without markdown events has no markdown signal rather than a column of
 * zeros. Stockouts are not recorded day by day, so no day is marked censored.
 */
export function buildTenantPanel(sources: TenantSources): Panel {
  const steps = new Map<string, { day: number; markdown: number }[]>();
  for (const r of [...sources.markdowns].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))) {
    const key = `${r.storeId}\u0000${r.itemId}`;
    const list = steps.get(key) ?? [];
    list.push({ day: isoToEpochDay(r.startDate)!, markdown: Number(r.markdown) });
    steps.set(key, list);
  }
  const hasMarkdowns = steps.size > 0;
  const columns = new SalesColumns();
  sources.eachSale((storeId, itemId, epochDay, units, price, discount, promo, online) => {
    const seriesSteps = steps.get(`${storeId}\u0000${itemId}`) ?? [];
    let markdown = hasMarkdowns ? 0 : Number.NaN;
    for (const step of seriesSteps) if (step.day <= epochDay) markdown = step.markdown;
    columns.push(epochDay, columns.seriesOf(storeId, itemId), units, price, discount, promo, markdown, online, false);
  });
  return panelFromColumns(columns, {
    source: "sales",
    missingRows: "zero",
    calendar: sources.events.map((e) => ({ date: e.date, events: e.names })),
    stores: sources.stores,
    items: sources.items,
  });
}

/**
 * The tenant's sales history as the model's panel, read inside the tenant context (RLS scopes
 * every query). `to` cuts the history at a model version's last training day, so its forecast
 * rows can be rebuilt after newer sales arrive.
 */
export async function loadTenantPanel(tx: Tx, options: { from?: string; to?: string } = {}): Promise<Panel> {
  const bounds = [options.from ? sql`date >= ${options.from}` : undefined, options.to ? sql`date <= ${options.to}` : undefined].filter((b) => b !== undefined);
  const from = bounds.length ? sql`where ${sql.join(bounds, sql` and `)}` : sql``;
  // One row per series with its days packed as text: PGlite hands rows to JavaScript one by one,
  // which took ~30 s for a million sales rows; 1,500 packed rows take ~4 s.
  const packed = await executeRows<SeriesRow>(
    tx,
    sql`select store_id, item_id,
               string_agg(concat_ws(',', date - date '1970-01-01', units, price, discount, promo::int, online_units), ';' order by date) as days
          from sales ${from} group by store_id, item_id order by store_id, item_id`,
  );
  if (packed.length === 0) throw new AppError("conflict:no_sales", "This tenant has no sales history yet; import sales before training a model.");
  const markdowns = await executeRows<MarkdownRow>(tx, sql`select store_id, item_id, start_date::text as start_date, markdown from markdowns order by store_id, item_id, start_date`);
  const stores = await executeRows<{ id: string; name: string; region: string | null; city: string | null; format: string | null; size_sqm: number | null }>(
    tx,
    sql`select id, name, region, city, format, size_sqm from stores`,
  );
  const items = await executeRows<{ id: string; name: string; category: string; subcategory: string | null; brand: string | null; base_price: number; unit_cost: number }>(
    tx,
    sql`select id, name, category, subcategory, brand, base_price::float8 as base_price, unit_cost::float8 as unit_cost from items`,
  );
  const events = await executeRows<{ date: string; names: string[] }>(tx, sql`select date::text as date, array_agg(name order by name) as names from calendar_events group by date`);
  return buildTenantPanel({
    eachSale: (push) => {
      for (const row of packed) {
        for (const day of row.days.split(";")) {
          const [epochDay, units, price, discount, promo, online] = day.split(",").map(Number) as [number, number, number, number, number, number];
          push(row.store_id, row.item_id, epochDay, units, price, discount, promo, online);
        }
      }
    },
    markdowns: markdowns.map((r) => ({ storeId: r.store_id, itemId: r.item_id, startDate: r.start_date, markdown: Number(r.markdown) })),
    stores: stores.map((s) => ({ id: s.id, name: s.name, region: s.region, city: s.city, format: s.format, sizeSqm: s.size_sqm })),
    items: items.map((i) => ({ id: i.id, name: i.name, category: i.category, subcategory: i.subcategory, brand: i.brand, basePrice: Number(i.base_price), unitCost: Number(i.unit_cost) })),
    events,
  });
}
