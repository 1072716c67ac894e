/**
 * How close the "lost sales already incurred" estimate comes to what the demo generator knows was
 * lost: over the last 28 days of each full-size demo tenant, the estimate from the recorded
 * stockout days and the sales alone (no model forecast of those days: the baseline path) against
 * the generator's true in-store demand less units sold on those days. The in-store part is
 * compared; the web part is reported beside it (the truth does not keep lost web orders).
 * Run: `npx tsx --conditions=react-server bench/lost-sales-estimate.ts`; writes bench/results/lost-sales-estimate.json.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { BASELINE_DAYS, lostSalesIncurred } from "../models/inventory";
import type { HistoryDay } from "../models/inventory";
import { generateTenantData } from "../server/services/demo-data/generate-tenant-data";
import { TENANTS_DIR, loadTenantConfig } from "../server/tenants/tenant-config";

const WINDOW = 28;

async function main(): Promise<void> {
  const results = [];
  console.log("| tenant | series | stockout days (last 28) | true in-store units lost | estimated in store | estimated / true | estimated web units lost |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const slug of ["acme-grocers", "northwind-fashion"]) {
    const data = generateTenantData(await loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json")));
    const { sales, truth } = data;
    const nDays = sales.dates.length;
    const first = nDays - WINDOW - BASELINE_DAYS;
    const censored = new Set(data.stockoutDays.map((d) => `${d.storeId}|${d.itemId}|${d.date}`));
    const unitCost = new Map(data.items.map((i) => [i.id, Number(i.unitCost)]));
    const series = new Map<string, { itemId: string; store: (HistoryDay | null)[]; both: (HistoryDay | null)[] }>();
    let trueLost = 0;
    let days = 0;
    for (let i = 0; i < sales.length; i++) {
      const day = sales.dayIndex[i]!;
      if (day < first) continue;
      const storeId = sales.storeIds[sales.storeIndex[i]!]!;
      const itemId = sales.itemIds[sales.itemIndex[i]!]!;
      const key = `${storeId}|${itemId}`;
      const s = series.get(key) ?? { itemId, store: new Array(WINDOW + BASELINE_DAYS).fill(null), both: new Array(WINDOW + BASELINE_DAYS).fill(null) };
      const stockedOut = censored.has(`${key}|${sales.dates[day]}`);
      const base = { units: sales.units[i]!, price: sales.price[i]! * (1 - sales.discount[i]!), promo: sales.promo[i] === 1, stockedOut, model: null };
      s.store[day - first] = { ...base, onlineUnits: 0 };
      s.both[day - first] = { ...base, onlineUnits: sales.onlineUnits[i]! };
      series.set(key, s);
      if (stockedOut && day >= first + BASELINE_DAYS) {
        days++;
        trueLost += truth.demand[i]! - sales.units[i]!;
      }
    }
    let inStore = 0;
    let withWeb = 0;
    for (const s of series.values()) {
      inStore += lostSalesIncurred(s.store, BASELINE_DAYS, unitCost.get(s.itemId) ?? 0).units;
      withWeb += lostSalesIncurred(s.both, BASELINE_DAYS, unitCost.get(s.itemId) ?? 0).units;
    }
    const row = { slug, series: series.size, stockoutDays: days, trueInStoreUnitsLost: trueLost, estimatedInStore: inStore, ratio: inStore / trueLost, estimatedWeb: withWeb - inStore };
    results.push(row);
    console.log(`| ${slug} | ${row.series} | ${days} | ${trueLost} | ${inStore.toFixed(0)} | ${row.ratio.toFixed(2)} | ${row.estimatedWeb.toFixed(0)} |`);
  }
  writeFileSync(path.join("bench", "results", "lost-sales-estimate.json"), `${JSON.stringify(results, null, 2)}\n`);
}

void main();
