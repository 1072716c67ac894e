import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { listItems } from "@/server/services/catalog/list-items";
import { listStores } from "@/server/services/catalog/list-stores";
import { POINT_SOURCES } from "@/server/services/forecasting/point-forecast";
import { getSeriesForecast } from "@/server/services/forecasting/series-forecast";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { round } from "./round";

/** More store × item series than this is a question for a report, not a chat answer. */
const MAX_SERIES = 120;

/** `point` is the point forecast (the mean, which adds up across days and series); the quantiles are the band. */
type Band = { point: number; p10: number; p50: number; p90: number };
const add = (a: Band, b: Band): Band => ({ point: a.point + b.point, p10: a.p10 + b.p10, p50: a.p50 + b.p50, p90: a.p90 + b.p90 });
const rounded = (b: Band): Band => ({ point: round(b.point, 1), p10: round(b.p10, 1), p50: round(b.p50, 1), p90: round(b.p90, 1) });
const ZERO: Band = { point: 0, p10: 0, p50: 0, p90: 0 };

/** Future demand (P10/P50/P90) of an item or a category at one, several or all stores over a horizon. */
export const forecastDemand = (ctx: AgentContext) =>
  tool({
    description:
      "Forecast unit demand with an 80% band (P10/P50/P90) for an item or a category at one or more stores over the next 1–28 days, from the production model. " +
      "Do NOT use it for past sales (use querySales) or for whether to reorder (use recommendInventory).",
    inputSchema: z
      .object({
        itemId: z.string().max(64).optional().describe("Item id (from lookupCatalog); give this or category"),
        category: z.string().max(100).optional().describe("Category name; give this or itemId"),
        storeIds: z.array(z.string().max(64)).max(50).optional().describe("Store ids; omit for all stores"),
        horizonDays: z.number().int().min(1).max(28).default(7).describe("Days ahead, from the first forecast day"),
      })
      .refine((v) => (v.itemId === undefined) !== (v.category === undefined), { message: "Give exactly one of itemId or category" }),
    execute: async ({ itemId, category, storeIds, horizonDays }) =>
      recoverable(() =>
        inTenant(ctx, async (tx) => {
          const stores = storeIds?.length ? storeIds : (await listStores(tx)).map((s) => s.id);
          const itemIds = itemId ? [itemId] : (await listItems(tx, { category, limit: 500 })).items.map((i) => i.id);
          if (itemIds.length === 0) return { error: `No items in category ${category}.`, code: "not_found:category" };
          if (stores.length * itemIds.length > MAX_SERIES) return { error: `That is ${stores.length * itemIds.length} series; name a store or an item (at most ${MAX_SERIES}).`, code: "bad_request:too_many_series" };
          const daily = new Map<string, Band>();
          const byStore = new Map<string, { storeId: string; storeName: string; band: Band }>();
          let model: { version: number; trainedTo: string } | null = null;
          let itemName: string | null = null;
          let pointSource: "mean" | "p50" = "mean";
          for (const storeId of stores) {
            for (const id of itemIds) {
              const s = await getSeriesForecast(tx, { storeId, itemId: id, historyDays: 7 });
              if (!s.model) return { error: "No forecasting model is in production yet.", code: "not_found:model" };
              model = { version: s.model.version, trainedTo: s.model.trainedTo };
              itemName = s.item.name;
              if (s.point) pointSource = s.point.source;
              const acc = byStore.get(storeId) ?? { storeId, storeName: s.store.name, band: ZERO };
              for (const f of s.forecast.slice(0, horizonDays)) {
                daily.set(f.date, add(daily.get(f.date) ?? ZERO, f));
                acc.band = add(acc.band, f);
              }
              byStore.set(storeId, acc);
            }
          }
          const days = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, b]) => ({ date, ...rounded(b) }));
          const total = [...byStore.values()].reduce((s, x) => add(s, x.band), ZERO);
          return {
            model,
            scope: { itemId: itemId ?? null, itemName: itemId ? itemName : null, category: category ?? null, stores: stores.length, series: stores.length * itemIds.length },
            from: days[0]?.date ?? null,
            to: days.at(-1)?.date ?? null,
            horizonDays: days.length,
            total: rounded(total),
            byStore: [...byStore.values()].map((s) => ({ storeId: s.storeId, storeName: s.storeName, ...rounded(s.band) })).sort((a, b) => b.p50 - a.p50),
            daily: days,
            pointForecast: POINT_SOURCES[pointSource],
            pointSource,
            interval: "80% (P10–P90)",
            note: "Totals add up daily quantiles, so the summed P10–P90 range is wider than the band of the total.",
          };
        }),
      ),
  });
