import { beforeAll, describe, expect, it } from "vitest";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { addDays, buildCalendar, daysBetween, yearlySeasonality } from "./calendar";
import { demandMean, launchRamp } from "./demand";
import { generateTenantData } from "./generate-tenant-data";
import { saleAt } from "./sales-columns";
import type { DemoData } from "./types";

const SMALL = { stores: 3, items: 20, days: 400 };

let acme: TenantConfig;
let northwind: TenantConfig;
let acmeData: DemoData;
let northwindData: DemoData;

beforeAll(async () => {
  const configs = await loadTenantConfigs();
  const bySlug = new Map(configs.map((c) => [c.slug, c]));
  acme = bySlug.get("acme-grocers") as TenantConfig;
  northwind = bySlug.get("northwind-fashion") as TenantConfig;
  acmeData = generateTenantData(acme, { scale: SMALL });
  northwindData = generateTenantData(northwind, { scale: SMALL });
});

const saleRows = (data: DemoData) => Array.from({ length: data.sales.length }, (_, i) => saleAt(data.sales, i));

describe("generateTenantData", () => {
  it("is deterministic: the same seed gives identical data, another seed different data", () => {
    expect(generateTenantData(acme, { scale: SMALL })).toEqual(acmeData);
    const reseeded = generateTenantData({ ...acme, generator: { ...acme.generator, seed: acme.generator.seed + 1 } }, { scale: SMALL });
    expect(reseeded.sales.units).not.toEqual(acmeData.sales.units);
  });

  it("honours the scale and ends on the configured last day", () => {
    const configuredEnd = addDays(acme.generator.startDate, acme.generator.days - 1);
    expect(configuredEnd).toBe("2026-11-20");
    expect(acmeData.stores).toHaveLength(SMALL.stores);
    expect(acmeData.items).toHaveLength(SMALL.items);
    expect(acmeData.truth.params.days).toBe(SMALL.days);
    expect(acmeData.sales.dates).toHaveLength(SMALL.days);
    expect(acmeData.sales.dates.at(-1)).toBe(configuredEnd);
    // Small scales still cover many categories: items are dealt round-robin.
    expect(new Set(acmeData.items.map((i) => i.category)).size).toBe(Math.min(SMALL.items, acme.generator.categories.length));
  });

  it("rejects a scale it cannot generate", () => {
    expect(() => generateTenantData(acme, { scale: { days: 2 } })).toThrow(/scale\.days/);
    expect(() => generateTenantData(acme, { scale: { stores: 1.5 } })).toThrow(/scale\.stores/);
    expect(() => generateTenantData(acme, { scale: { stores: 11 } })).toThrow(/exceeds the 10 stores/);
  });

  it("produces full-size tenants of the documented size", () => {
    const full = generateTenantData(northwind);
    expect(full.stores).toHaveLength(8);
    expect(full.items).toHaveLength(100);
    expect(full.sales.length).toBeGreaterThan(450_000);
    expect(full.sales.dates[0]).toBe(northwind.generator.startDate);
  });

  it("makes up stores from a count and a size distribution", () => {
    const generator = { ...acme.generator, stores: { count: 5, sizeSqm: [800, 4000] as [number, number], regions: ["North", "South"], formats: ["Urban"] } };
    const data = generateTenantData({ ...acme, generator }, { scale: { items: 4, days: 30 } });
    expect(data.stores.map((s) => s.id)).toEqual(["S01", "S02", "S03", "S04", "S05"]);
    for (const store of data.stores) expect(store.sizeSqm).toBeGreaterThanOrEqual(800);
  });

  it("refers only to existing stores and items, on days the item is on sale", () => {
    for (const data of [acmeData, northwindData]) {
      const storeIds = new Set(data.stores.map((s) => s.id));
      const items = new Map(data.items.map((i) => [i.id, i]));
      const sales = saleRows(data);
      const dangling = [...sales, ...data.priceHistory, ...data.discountsHistory, ...data.markdowns, ...data.inventory].filter(
        (row) => !storeIds.has(row.storeId) || !items.has(row.itemId),
      );
      expect(dangling).toEqual([]);
      expect(data.online.filter((row) => !items.has(row.itemId))).toEqual([]);
      const offSale = sales.filter((sale) => {
        const item = items.get(sale.itemId);
        return (item?.launchedOn && sale.date < item.launchedOn) || (item?.discontinuedOn && sale.date >= item.discontinuedOn);
      });
      expect(offSale).toEqual([]);
    }
  });

  it("launches new items mid-history with no earlier rows and keeps zero-unit days", () => {
    const { truth, sales } = northwindData;
    expect(truth.newItems.length).toBeGreaterThan(0);
    const first = sales.dates[0] ?? "";
    for (const { itemId, launchedOn } of truth.newItems) {
      expect(launchedOn > first).toBe(true);
      const dates = saleRows(northwindData).filter((s) => s.itemId === itemId).map((s) => s.date);
      expect(dates.reduce((min, d) => (d < min ? d : min))).toBe(launchedOn);
      // One row per store and day from the launch to the end.
      expect(dates).toHaveLength(SMALL.stores * (daysBetween(launchedOn, sales.dates.at(-1) ?? "") + 1));
    }
    expect(sales.units.some((u) => u === 0)).toBe(true);
  });

  it("censors sales by stock: units = min(demand, on hand), with every cut day recorded", () => {
    for (const data of [acmeData, northwindData]) {
      const { sales, truth } = data;
      const censored = new Set(truth.censored.map((c) => `${c.storeId}|${c.itemId}|${c.date}`));
      const wrong: number[] = [];
      let cut = 0;
      for (let i = 0; i < sales.length; i++) {
        const demand = truth.demand[i] ?? 0;
        const available = truth.available[i] ?? 0;
        const row = saleAt(sales, i);
        const recorded = censored.has(`${row.storeId}|${row.itemId}|${row.date}`);
        if (row.units !== Math.min(demand, available) || recorded !== demand > available) wrong.push(i);
        if (demand > available) cut++;
      }
      expect(wrong).toEqual([]);
      expect(cut).toBe(truth.censored.length);
      // Stockouts happen, but they are the exception.
      expect(cut / sales.length).toBeGreaterThan(0.005);
      expect(cut / sales.length).toBeLessThan(0.2);
      for (const snapshot of data.inventory) expect(snapshot.onHand).toBeGreaterThanOrEqual(0);
    }
  });

  it("records a latent demand mean that the documented model recomputes", () => {
    const { sales, truth, items } = acmeData;
    const { params } = truth;
    const calendar = buildCalendar(params.startDate, params.days, params.holidays);
    const itemById = new Map(items.map((i) => [i.id, i]));
    const categoryByName = new Map(params.categories.map((c) => [c.name, c]));
    const launches = new Map(truth.newItems.map((n) => [n.itemId, n.launchedOn]));
    for (let i = 0; i < sales.length; i += 97) {
      const row = saleAt(sales, i);
      const item = itemById.get(row.itemId);
      const category = categoryByName.get(item?.category ?? "");
      if (!item || !category) throw new Error(`unknown item ${row.itemId}`);
      const day = sales.dayIndex[i] ?? 0;
      const launchedOn = launches.get(item.id);
      const expected = demandMean({
        baseDemand: truth.itemBaseDemand[item.id] ?? 0,
        storeSizeFactor: truth.storeSizeFactor[row.storeId] ?? 0,
        weekly: category.weeklySeasonality[calendar.weekday[day] ?? 0] ?? 0,
        yearly: yearlySeasonality(category.yearlySeasonalityAmplitude, category.peakDayOfYear, calendar.dayOfYear[day] ?? 0),
        holidayLift: calendar.holidayLift[day] ?? 1,
        launchRamp: launchedOn ? launchRamp(params.launchRampDays, daysBetween(launchedOn, row.date)) : 1,
        promoted: row.promo,
        promoLift: category.promoLift,
        paidPrice: row.price * (1 - row.discount),
        basePrice: item.basePrice,
        elasticity: category.elasticity,
      });
      expect(truth.latentDemandMean[i]).toBeCloseTo(expected, 9);
    }
  });

  it("keeps prices, promotions and histories consistent with the sales rows", () => {
    const sales = saleRows(acmeData);
    const byKey = new Map(sales.map((s) => [`${s.storeId}|${s.itemId}|${s.date}`, s]));
    for (const promo of acmeData.discountsHistory) {
      const sale = byKey.get(`${promo.storeId}|${promo.itemId}|${promo.startDate}`);
      expect(sale?.promo).toBe(true);
      expect(sale?.discount).toBe(promo.discount);
    }
    for (const spell of acmeData.priceHistory) {
      expect(byKey.get(`${spell.storeId}|${spell.itemId}|${spell.validFrom}`)?.price).toBe(spell.price);
    }
    expect(sales.filter((s) => s.promo).length / sales.length).toBeGreaterThan(0.03);
  });

  it("marks fashion down at the end of each season, only in the configured categories", () => {
    const { markdowns } = northwindData;
    expect(markdowns.length).toBeGreaterThan(0);
    const events = northwind.generator.markdowns.events;
    const category = new Map(northwindData.items.map((i) => [i.id, i.category]));
    const byKey = new Map(saleRows(northwindData).map((s) => [`${s.storeId}|${s.itemId}|${s.date}`, s]));
    for (const markdown of markdowns) {
      const event = events.find((e) => markdown.reason?.startsWith(e.name));
      expect(event?.categories).toContain(category.get(markdown.itemId));
      if (!markdown.reason?.endsWith("step 1")) continue;
      const onTheDay = byKey.get(`${markdown.storeId}|${markdown.itemId}|${markdown.startDate}`);
      const dayBefore = byKey.get(`${markdown.storeId}|${markdown.itemId}|${addDays(markdown.startDate, -1)}`);
      if (onTheDay && dayBefore) expect(onTheDay.price).toBeLessThan(dayBefore.price);
    }
    expect(acmeData.markdowns).toHaveLength(0);
  });

  it("sums the stores' click-and-collect units into the web funnel", () => {
    const totals = new Map<string, number>();
    for (const sale of saleRows(northwindData)) totals.set(`${sale.itemId}|${sale.date}`, (totals.get(`${sale.itemId}|${sale.date}`) ?? 0) + sale.onlineUnits);
    expect(northwindData.online).toHaveLength(totals.size);
    for (const row of northwindData.online) {
      expect(row.onlineUnits).toBe(totals.get(`${row.itemId}|${row.date}`));
      expect(row.addToCarts).toBeGreaterThanOrEqual(row.onlineUnits);
      expect(row.pageViews).toBeGreaterThanOrEqual(row.addToCarts);
    }
  });
});
