import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/models/util";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { importCsv } from "@/server/services/ingest/import-csv";
import { ingestSales } from "@/server/services/ingest/ingest-sales";
import { rollupCoverage } from "@/server/services/sales/read-sales-rollups";
import { salesSummary } from "@/server/services/sales/sales-summary";
import type { FixtureTenant } from "../helpers/fixtures";
import { seedAcmeBesideOther } from "../helpers/seeded-acme";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 3, items: 10, days: 120 };
const FILTERS = 25;
const GRANULARITIES = ["day", "week", "month"] as const;

type Sums = { units: number; revenue: number; cost: number; rows: number };
type Filter = { from: string; to: string; storeId: string | null; category: string | null };

async function* body(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

// No tenant filter in any of these queries: RLS alone must keep the other tenant's rows out.
async function rawSums(tx: Tx, f: Filter): Promise<Sums> {
  const [row] = await executeRows<Sums>(tx, sql`
    select coalesce(sum(s.units), 0)::float8 as units, coalesce(sum(s.units * s.price * (1 - s.discount)), 0)::float8 as revenue,
           coalesce(sum(s.units * i.unit_cost), 0)::float8 as cost, count(*)::float8 as rows
      from sales s join items i on i.id = s.item_id
     where s.date between ${f.from} and ${f.to}
       and (${f.storeId}::text is null or s.store_id = ${f.storeId}) and (${f.category}::text is null or i.category = ${f.category})`);
  return row!;
}

async function rollupSums(tx: Tx, table: "sales_daily_rollups" | "sales_weekly_rollups", f: Filter): Promise<Sums> {
  const bucket = sql.raw(table === "sales_daily_rollups" ? "date" : "week");
  const [row] = await executeRows<Sums>(tx, sql`
    select coalesce(sum(units), 0)::float8 as units, coalesce(sum(revenue), 0)::float8 as revenue,
           coalesce(sum(cost), 0)::float8 as cost, coalesce(sum(sales_rows), 0)::float8 as rows
      from ${sql.identifier(table)}
     where ${bucket} between ${f.from} and ${f.to}
       and (${f.storeId}::text is null or store_id = ${f.storeId}) and (${f.category}::text is null or category = ${f.category})`);
  return row!;
}

const close = (a: Sums, b: Sums) => {
  expect(a.units).toBe(b.units);
  expect(a.rows).toBe(b.rows);
  expect(a.revenue).toBeCloseTo(b.revenue, 4);
  expect(a.cost).toBeCloseTo(b.cost, 4);
};

const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
// Mondays start the weeks of the weekly rollup.
const mondayOnOrAfter = (iso: string) => addDays(iso, (8 - new Date(iso).getUTCDay()) % 7);

describe("rollup coverage", () => {
  it("takes whole Monday weeks inside the period from the weekly rollup and the rest day by day", () => {
    // 2026-06-24 is a Wednesday; 2026-06-29 a Monday whose week ends in July.
    expect(rollupCoverage("2026-06-24", "2026-07-12", "week")).toEqual({
      weeks: ["2026-06-29", "2026-07-06"],
      days: ["2026-06-24", "2026-06-25", "2026-06-26", "2026-06-27", "2026-06-28"],
    });
    expect(rollupCoverage("2026-06-24", "2026-07-12", "month").weeks).toEqual(["2026-07-06"]);
    expect(rollupCoverage("2026-06-29", "2026-07-05", "day")).toEqual({ weeks: [], days: ["2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04", "2026-07-05"] });
  });
});

describe.each(testDrivers())("sales rollups against the raw sales on %s", (driver) => {
  let database: TestDatabase;
  let acmeId: string;
  let other: FixtureTenant;
  let stores: string[];
  let categories: string[];
  let first: string;
  let last: string;
  let item: { id: string; category: string };
  const random = mulberry32(20261202);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;

  /** Random periods × optional store × optional category: the daily rollup over the period, the weekly one over its whole weeks. */
  async function expectConsistent(seed: string) {
    await withTenant(database, acmeId, async (tx) => {
      const span = (Date.parse(last) - Date.parse(first)) / 86_400_000;
      for (let n = 0; n < FILTERS; n++) {
        const a = addDays(first, Math.floor(random() * span));
        const b = addDays(a, Math.floor(random() * (span - (Date.parse(a) - Date.parse(first)) / 86_400_000)));
        const f: Filter = { from: a, to: b, storeId: random() < 0.5 ? pick(stores) : null, category: random() < 0.5 ? pick(categories) : null };
        const raw = await rawSums(tx, f);
        close(await rollupSums(tx, "sales_daily_rollups", f), raw);
        // The dashboard reads whole weeks from the weekly rollup and the rest from the daily one, by bucket size.
        const summary = await salesSummary(tx, { from: f.from, to: f.to, storeId: f.storeId ?? undefined, category: f.category ?? undefined, granularity: pick(GRANULARITIES) });
        expect(summary.series.reduce((n, p) => n + p.units, 0)).toBe(raw.units);
        expect(summary.kpis!.units).toBe(raw.units);
        expect(summary.kpis!.revenue).toBeCloseTo(raw.revenue, 4);
        expect(summary.kpis!.grossMargin).toBeCloseTo(raw.revenue - raw.cost, 4);
        const weekFrom = mondayOnOrAfter(a);
        const weeks = Math.floor((Date.parse(b) - Date.parse(weekFrom)) / (7 * 86_400_000) + 1 / 7);
        if (weeks >= 1) {
          const whole = { ...f, from: weekFrom, to: addDays(weekFrom, weeks * 7 - 1) };
          close(await rollupSums(tx, "sales_weekly_rollups", { ...whole, to: addDays(whole.to, -6) }), await rawSums(tx, whole));
        }
      }
      const [cells] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from sales_daily_rollups`);
      expect(cells!.n, seed).toBeGreaterThan(0);
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const seeded = await seedAcmeBesideOther(database, SCALE);
    ({ acmeId, other } = seeded);
    await withTenant(database, acmeId, async (tx) => {
      stores = (await executeRows<{ id: string }>(tx, sql`select id from stores order by id`)).map((r) => r.id);
      categories = (await executeRows<{ category: string }>(tx, sql`select distinct category from items order by 1`)).map((r) => r.category);
      const [range] = await executeRows<{ first: string; last: string }>(tx, sql`select min(date)::text as first, max(date)::text as last from sales`);
      ({ first, last } = range!);
      const [busy] = await executeRows<{ id: string; category: string }>(tx, sql`select i.id, i.category from items i join sales s on s.item_id = i.id group by i.id, i.category order by sum(s.units) desc, i.id limit 1`);
      item = busy!;
    });
  }, 240_000);
  afterAll(() => database.close());

  it("the seed builds rollups equal to the raw aggregates for random filters", async () => {
    await expectConsistent("seed");
  });

  it("drills down tenant → store → category → item, each level's breakdown adding up to its parent's figures", async () => {
    await withTenant(database, acmeId, async (tx) => {
      const from = addDays(last, -59);
      const top = await salesSummary(tx, { from, to: last });
      expect(top.movers?.level).toBe("store × category");
      const store = top.byStore[0]!;
      const inStore = await salesSummary(tx, { from, to: last, storeId: store.storeId });
      expect(inStore.kpis!.revenue).toBeCloseTo(store.revenue, 6);
      expect(inStore.movers?.level).toBe("category");
      const category = inStore.byCategory[0]!;
      const inCategory = await salesSummary(tx, { from, to: last, storeId: store.storeId, category: category.category });
      expect(inCategory.byItem.reduce((n, r) => n + r.units, 0)).toBe(category.units);
      const leaf = inCategory.byItem[0]!;
      const atItem = await salesSummary(tx, { from, to: last, storeId: store.storeId, itemId: leaf.itemId });
      expect(atItem.item).toEqual({ itemId: leaf.itemId, itemName: leaf.itemName, category: category.category });
      expect(atItem.kpis!.units).toBe(leaf.units);
      expect(atItem.movers).toBeNull();
      const raw = await rawSums(tx, { from, to: last, storeId: store.storeId, category: category.category });
      expect(inCategory.kpis!.units).toBe(raw.units);
      // Rises and falls are measured against the 60 days before.
      for (const m of [...inCategory.movers!.up, ...inCategory.movers!.down]) expect(m.change).toBeCloseTo(m.revenue - m.previousRevenue, 6);
    });
    await expect(withTenant(database, acmeId, (tx) => salesSummary(tx, { itemId: item.id }))).rejects.toThrow(/itemId needs storeId/);
  });

  it("the other tenant keeps its own rollups, unseen from Acme", async () => {
    const mine = await withTenant(database, other.id, (tx) => executeRows<{ tenant_id: string; units: number }>(tx, sql`select tenant_id, units from sales_daily_rollups order by date`));
    expect(mine.map((r) => r.tenant_id)).toEqual([other.id, other.id]);
    expect(mine.map((r) => r.units)).toEqual([10, 4]);
  });

  it("a CSV import that updates existing days and adds new ones adjusts the rollups instead of adding twice", async () => {
    const lines = ["date,store_id,item_id,units,price,discount"];
    // Existing days get new units and a discount; days after the history are new rows.
    for (let d = 0; d < 10; d++) lines.push(`${addDays(last, -d * 3)},${stores[0]},${item.id},${7 + d},2.50,0.1`);
    for (let d = 1; d <= 3; d++) lines.push(`${addDays(last, d)},${stores[1]},${item.id},${d},2.00,0`);
    const result = await importCsv(database, { tenantId: acmeId, role: "admin" }, { source: "sales" }, body(`${lines.join("\n")}\n`));
    expect(result.status).toBe("imported");
    last = addDays(last, 3);
    await expectConsistent("import");
    await withTenant(database, acmeId, async (tx) => {
      const f = { from: last, to: last, storeId: stores[1]!, category: item.category };
      expect((await rollupSums(tx, "sales_daily_rollups", f)).units).toBe(3);
    });
  });

  it("streaming ingest adds to existing days and the rollups follow", async () => {
    const events = Array.from({ length: 40 }, (_, n) => ({ eventId: `e-${n}`, date: addDays(last, -(n % 8)), storeId: pick(stores), itemId: item.id, units: 1 + (n % 5) }));
    await withTenant(database, acmeId, (tx) => ingestSales(tx, { tenantId: acmeId, role: "admin" }, { events }));
    // A resent batch is ignored: the rollups must not move either.
    await withTenant(database, acmeId, (tx) => ingestSales(tx, { tenantId: acmeId, role: "admin" }, { events }));
    await expectConsistent("ingest");
  });

  it("a catalog import that moves an item to another category and changes its cost moves its rollups", async () => {
    const target = categories.find((c) => c !== item.category)!;
    const csv = `item_id,category,unit_cost,base_price\n${item.id},${target},0.77,3.00\n`;
    expect((await importCsv(database, { tenantId: acmeId, role: "admin" }, { source: "catalog" }, body(csv))).status).toBe("imported");
    await expectConsistent("catalog");
  });
});
