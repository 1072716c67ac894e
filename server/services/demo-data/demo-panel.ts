import "server-only";
import type { Panel } from "@/models/data";
import { isoToEpochDay } from "@/models/data";
import { buildTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { CALENDAR_AHEAD_DAYS, holidayEvents } from "./calendar";
import type { DemoData } from "./types";

/**
 * The panel `loadTenantPanel` reads after this data is seeded, built straight from the generator's
 * output (no database): what a shipped demo model is checked against without seeding.
 */
export function demoDataPanel(data: DemoData): Panel {
  const { sales } = data;
  const { holidays, startDate, days } = data.truth.params;
  const byDate = new Map<string, string[]>();
  for (const e of holidayEvents(holidays, startDate, days, CALENDAR_AHEAD_DAYS)) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e.name]);
  const epochDays = sales.dates.map((d) => isoToEpochDay(d)!);
  return buildTenantPanel({
    eachSale: (push) => {
      for (let i = 0; i < sales.length; i++) {
        push(sales.storeIds[sales.storeIndex[i]!]!, sales.itemIds[sales.itemIndex[i]!]!, epochDays[sales.dayIndex[i]!]!, sales.units[i]!, sales.price[i]!, sales.discount[i]!, sales.promo[i]!, sales.onlineUnits[i]!);
      }
    },
    markdowns: data.markdowns.map((m) => ({ storeId: m.storeId, itemId: m.itemId, startDate: m.startDate, markdown: m.markdown })),
    stores: data.stores.map((s) => ({ id: s.id, name: s.name, region: s.region, city: s.city, format: s.format, sizeSqm: s.sizeSqm })),
    items: data.items.map((i) => ({ id: i.id, name: i.name, category: i.category, subcategory: i.subcategory, brand: i.brand, basePrice: i.basePrice, unitCost: i.unitCost })),
    events: [...byDate].map(([date, names]) => ({ date, names: names.sort() })),
  });
}
