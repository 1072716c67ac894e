import { existsSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, tenants, users } from "@/drizzle/schema";
import { verifyPassword } from "@/server/auth/password";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { DEMO_TABLES, demoDataRowCounts } from "@/server/services/demo-data/demo-data-csv";
import type { DemoTable } from "@/server/services/demo-data/demo-data-csv";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { DEMO_PASSWORD, seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeedDemoResult } from "@/server/services/demo-data/seed-demo";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 2, items: 6, days: 60 };

/** Rows per demo table as the tenant itself sees them: through RLS, with no tenant filter in the SQL. */
async function countAsTenant(database: Database, tenantId: string): Promise<Record<DemoTable, number>> {
  return withTenant(database, tenantId, async (tx) => {
    const counts = {} as Record<DemoTable, number>;
    for (const table of DEMO_TABLES) {
      const [row] = await executeRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${table}`));
      counts[table] = row?.n ?? -1;
    }
    return counts;
  });
}

/** Index and key definitions of the data tables, which the PGlite seed drops and rebuilds. */
async function schemaShape(database: TestDatabase): Promise<string[]> {
  const rows = await executeRows<{ def: string }>(
    database.owner.db,
    sql`select indexdef as def from pg_indexes where schemaname = 'public'
        union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
        order by 1`,
  );
  return rows.map((r) => r.def);
}

describe.each(testDrivers())("seedDemoTenants on %s", (driver) => {
  let database: TestDatabase;
  let configs: TenantConfig[];
  let shapeBefore: string[];
  let result: SeedDemoResult;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    configs = await loadTenantConfigs();
    shapeBefore = await schemaShape(database);
    result = await seedDemoTenants(database.owner, { scale: SCALE });
  });
  afterAll(() => database?.close());

  it("loads every demo tenant with exactly the generator's rows", async () => {
    expect(result.seeded).toBe(true);
    expect(result.tenants.map((t) => t.slug)).toEqual(configs.map((c) => c.slug));
    for (const [i, seeded] of result.tenants.entries()) {
      const expected = demoDataRowCounts(generateTenantData(configs[i] as TenantConfig, { scale: SCALE }));
      expect(seeded.rows).toEqual(expected);
      expect(await countAsTenant(database, seeded.tenantId)).toEqual(expected);
      expect(expected.sales).toBeGreaterThan(0);
    }
  });

  it("creates branded demo tenants from tenant.json", async () => {
    for (const config of configs) {
      const [tenant] = await database.owner.db.select().from(tenants).where(eq(tenants.slug, config.slug));
      expect(tenant).toMatchObject({ name: config.name, plan: config.plan, currency: config.currency, locale: config.locale, isDemo: true });
      expect(tenant?.branding).toMatchObject({ displayName: config.branding.displayName, primaryColor: config.branding.primaryColor });
      expect(existsSync(path.resolve(tenant?.branding.logoPath ?? "missing"))).toBe(true);
    }
  });

  it("gives the demo users the roles tenant.json lists, with the demo password", async () => {
    for (const { tenantId, slug } of result.tenants) {
      const config = configs.find((c) => c.slug === slug) as TenantConfig;
      const members = await database.owner.db
        .select({ email: users.email, role: memberships.role, passwordHash: users.passwordHash })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.tenantId, tenantId));
      const roles = (list: { email: string; role: string }[]) => list.map((m) => `${m.email}:${m.role}`).sort();
      expect(roles(members)).toEqual(roles(config.demoUsers));
      expect(await verifyPassword(members[0]?.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
    }
  });

  it("leaves the indexes and constraints exactly as the migrations made them", async () => {
    expect(await schemaShape(database)).toEqual(shapeBefore);
  });

  it("does nothing once tenants exist", async () => {
    const before = await countAsTenant(database, result.tenants[0]?.tenantId ?? "");
    const again = await seedDemoTenants(database.owner, { scale: SCALE });
    expect(again.seeded).toBe(false);
    expect(again.tenants).toEqual([]);
    const [tenantCount] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from tenants`);
    expect(tenantCount?.n).toBe(configs.length);
    expect(await countAsTenant(database, result.tenants[0]?.tenantId ?? "")).toEqual(before);
  });
});

describe.each(testDrivers())("a seed that fails half-way on %s", (driver) => {
  let database: TestDatabase;
  let configs: TenantConfig[];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    configs = await loadTenantConfigs();
  });
  afterAll(() => database?.close());

  it("leaves no trace of the failed tenant (on PGlite, of any tenant)", async () => {
    // The second tenant's web-channel COPY fails, after its tenant row, users, stores, items and
    // sales were written. (A COPY Postgres itself rejects cannot be used here: postgres.js 3.4.9
    // never settles it — porsager/postgres#1173 — so the driver's copyRows would hang.)
    const shapeBefore = await schemaShape(database);
    let onlineChunks = 0;
    const failing: Database = {
      ...database.owner,
      copyRows: async (table, columns, csv) => {
        if (table === "online" && ++onlineChunks === 2) throw new Error("disk full");
        await database.owner.copyRows(table, columns, csv);
      },
    };
    await expect(seedDemoTenants(failing, { scale: SCALE, configs })).rejects.toThrow("disk full");

    const slugs = (await database.owner.db.select({ slug: tenants.slug }).from(tenants)).map((t) => t.slug);
    const emails = (await database.owner.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    const [orphans] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from sales s where not exists (select 1 from tenants t where t.id = s.tenant_id)`);
    expect(orphans?.n).toBe(0);
    expect(await schemaShape(database)).toEqual(shapeBefore);
    if (driver === "pglite") {
      // One transaction for the whole seed.
      expect(slugs).toEqual([]);
      expect(emails).toEqual([]);
    } else {
      // Tenant by tenant: the first is complete, the second undone along with the users it created.
      const [first] = configs;
      expect(slugs).toEqual([first?.slug]);
      expect(emails).toEqual(first?.demoUsers.map((u) => u.email).sort());
      const [tenant] = await database.owner.db.select({ id: tenants.id }).from(tenants);
      expect(await countAsTenant(database, tenant?.id ?? "")).toEqual(demoDataRowCounts(generateTenantData(first as TenantConfig, { scale: SCALE })));
    }
  });
});
