import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_SOURCES, tenants } from "@/drizzle/schema";
import { executeRows } from "@/server/db/execute-rows";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { demoDataCsvFiles } from "@/server/services/demo-data/demo-data-csv";
import type { DemoTable } from "@/server/services/demo-data/demo-data-csv";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { call, createKey } from "../rest/rest-client";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 3, items: 12, days: 150 };
const TABLE_OF: Record<(typeof IMPORT_SOURCES)[number], DemoTable> = {
  stores: "stores",
  catalog: "items",
  sales: "sales",
  price_history: "price_history",
  discounts_history: "discounts_history",
  markdowns: "markdowns",
  online: "online",
  inventory: "inventory",
};

describe.each(testDrivers())("a demo tenant's own CSVs through the public import path on %s", (driver) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.close());

  /** Row count, unit sums and a digest of every row without its tenant id, per table. */
  const fingerprint = (tenantId: string) =>
    withTenant(database, tenantId, async (tx) => {
      const out: Record<string, unknown> = {};
      for (const table of Object.values(TABLE_OF)) {
        const [row] = await executeRows(tx, sql`
          select count(*)::int as rows, md5(coalesce(string_agg(r, '|' order by r), '')) as digest
            from (select (to_jsonb(t) - 'tenant_id')::text as r from ${sql.identifier(table)} t) x`);
        out[table] = row;
      }
      const [sums] = await executeRows(tx, sql`select sum(units)::int as units, sum(online_units)::int as online, round(sum(units * price), 2)::text as revenue from sales`);
      out.salesSums = sums;
      return out;
    });

  it("reproduces the seeded data exactly (row counts, sums, every row)", async () => {
    const [acme] = (await loadTenantConfigs()).filter((c) => c.slug === "acme-grocers");
    await seedDemoTenants(database.owner, { scale: SCALE, configs: [acme!] });
    const [seeded] = await withAuthRole(database, (tx) => tx.select().from(tenants));
    const [fresh] = await withAuthRole(database, (tx) =>
      tx.insert(tenants).values({ slug: "fresh", name: "Fresh", branding: { displayName: "Fresh", primaryColor: "#112233", accentColor: "#445566" } }).returning(),
    );
    const files = demoDataCsvFiles(generateTenantData(acme!, { scale: SCALE }));
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, fresh!.id, "write");
    for (const source of IMPORT_SOURCES) {
      const res = await call(api.importCsv, `/import/${source}`, { key, method: "POST", params: { source }, headers: { "content-type": "text/csv" }, body: files[TABLE_OF[source]] });
      expect(res.status, `${source}: ${JSON.stringify(res.body.error)}`).toBe(200);
      expect(res.body.data).toMatchObject({ status: "imported", rowsRejected: 0 });
    }
    const expected = await fingerprint(seeded!.id);
    expect((expected.sales as { rows: number }).rows).toBeGreaterThan(1000);
    expect(await fingerprint(fresh!.id)).toEqual(expected);
    // Importing the same files again changes nothing.
    const again = await call(api.importCsv, "/import/sales", { key, method: "POST", params: { source: "sales" }, headers: { "content-type": "text/csv" }, body: files.sales });
    expect(again.body.data).toMatchObject({ rowsInserted: 0, rowsUpdated: 0 });
    expect(await fingerprint(fresh!.id)).toEqual(expected);
  });
});
