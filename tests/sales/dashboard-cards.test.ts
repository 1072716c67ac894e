import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { stockSummary } from "@/server/services/inventory/stock-summary";
import { ingestSales } from "@/server/services/ingest/ingest-sales";
import { forecastVsActual } from "@/server/services/sales/forecast-vs-actual";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

// The fixture tenant: one store × item, 10 and 4 units sold on 2026-01-01/02 at unit cost 1.50, a
// stock count of 40 on 2026-01-01, and a model trained to 2026-01-02 that forecast P10/P50/P90 2/5/9 for 2026-01-03.
describe.each(testDrivers())("dashboard stock and forecast cards on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;
  let b: FixtureTenant;
  const period = { from: "2026-01-01", to: "2026-01-03" };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
  });
  afterAll(() => database.close());

  it("values the latest count at unit cost, covers it at the last 28 days' rate and counts empty shelves", async () => {
    const stock = await withTenant(database, a.id, (tx) => stockSummary(tx, period));
    expect(stock).toEqual({ countedOn: "2026-01-01", onHandUnits: 40, inventoryValue: 60, daysOfCover: 40 / (14 / 28), stockCounts: 1, stockoutRate: 0 });
    await withTenant(database, a.id, (tx) => tx.execute(sql`insert into inventory (tenant_id, date, store_id, item_id, on_hand, lead_time_days, order_cost, holding_cost_rate) values (${a.id}, '2026-01-02', 'a-S1', 'a-I1', 0, 3, 25, 0.2)`));
    const after = await withTenant(database, a.id, (tx) => stockSummary(tx, period));
    expect(after).toMatchObject({ countedOn: "2026-01-02", onHandUnits: 0, inventoryValue: 0, daysOfCover: 0, stockCounts: 2, stockoutRate: 0.5 });
    expect(await withTenant(database, a.id, (tx) => stockSummary(tx, { ...period, category: "no such category" }))).toMatchObject({ countedOn: null, stockCounts: 0, stockoutRate: null });
    // B's own figures, untouched by A's count.
    expect(await withTenant(database, b.id, (tx) => stockSummary(tx, period))).toMatchObject({ onHandUnits: 40, stockoutRate: 0 });
  });

  it("says there is no accuracy until forecast days have sales, then measures WAPE and bias on them", async () => {
    const before = await withTenant(database, a.id, (tx) => forecastVsActual(tx, period));
    expect(before.accuracy).toEqual([]);
    // Not production yet: no forecast to draw either.
    expect(before).toMatchObject({ model: null, forecastWeeks: [] });
    await withTenant(database, a.id, async (tx) => {
      await tx.execute(sql`update model_versions set status = 'production'`);
      await ingestSales(tx, { tenantId: a.id, role: "admin" }, { events: [{ eventId: "jan-3", date: "2026-01-03", storeId: "a-S1", itemId: "a-I1", units: 3 }] });
    });
    const after = await withTenant(database, a.id, (tx) => forecastVsActual(tx, period));
    expect(after.model).toEqual({ version: 1, trainedTo: "2026-01-02" });
    expect(after.forecastWeeks).toEqual([{ week: "2025-12-29", forecast: 5, p10: 2, p90: 9 }]);
    expect(after.actualWeeks).toEqual([{ week: "2025-12-29", actual: 17 }]);
    // Within one store the item level reads the raw rows: the same units.
    expect((await withTenant(database, a.id, (tx) => forecastVsActual(tx, { ...period, storeId: "a-S1", itemId: "a-I1" }))).actualWeeks).toEqual([{ week: "2025-12-29", actual: 17 }]);
    expect(after.accuracy).toHaveLength(1);
    expect(after.accuracy[0]).toMatchObject({ week: "2025-12-29", actual: 3, forecast: 5, days: 1 });
    expect(after.accuracy[0]!.wape).toBeCloseTo(2 / 3, 10);
    expect(after.accuracy[0]!.bias).toBeCloseTo(2 / 3, 10);
    // Outside the period, nothing is realised.
    expect((await withTenant(database, a.id, (tx) => forecastVsActual(tx, { from: "2026-01-01", to: "2026-01-02" }))).accuracy).toEqual([]);
    expect((await withTenant(database, b.id, (tx) => forecastVsActual(tx, period))).accuracy).toEqual([]);
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(withTenant(database, a.id, (tx) => stockSummary(tx, { from: "2026-01-03", to: "2026-01-01" }))).rejects.toThrow(/from must not be after to/);
  });
});
