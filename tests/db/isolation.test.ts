import { getTableName, sql } from "drizzle-orm";
import { CROSS_TENANT_TABLES } from "../helpers/cross-tenant-tables";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { assertAppLoginRole, inspectConnectionRole } from "@/server/db/connection-role";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { expectDbError } from "../helpers/expect-db-error";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

/** Every table that carries tenant data; a new tenant table must be added here and to the RLS migration. */
const TENANT_TABLES: PgTable[] = [
  schema.memberships,
  schema.invitations,
  schema.apiKeys,
  schema.auditLog,
  schema.stores,
  schema.items,
  schema.sales,
  schema.priceHistory,
  schema.discountsHistory,
  schema.markdowns,
  schema.online,
  schema.inventory,
  schema.stockoutDays,
  schema.calendarEvents,
  schema.modelArtifacts,
  schema.modelVersions,
  schema.experimentRuns,
  schema.forecasts,
  schema.usageRecords,
  schema.stripeEvents,
  schema.brandAssets,
  schema.imports,
  schema.ingestEvents,
  schema.inventorySettings,
  schema.actionRefreshes,
  schema.categoryServiceLevels,
  schema.actions,
  schema.purchaseOrderLines,
  schema.forecastOverrides,
  schema.reports,
  schema.salesDailyRollups,
  schema.salesWeeklyRollups,
  schema.assistantConversations,
  schema.jobSchedules,
  schema.pricingSettings,
  schema.alerts,
  schema.alertRules,
  schema.scenarios,
];

type Row = Record<string, unknown> & { tenant_id: string };

/** jsonb columns come back as objects and go back as JSON text; dates and bytes pass through. */
const isJson = (v: unknown) => typeof v === "object" && v !== null && !(v instanceof Date) && !(v instanceof Uint8Array);

async function rows(database: Database, tenantId: string | null, table: string): Promise<Row[]> {
  const query = sql.raw(`select * from ${table}`);
  if (tenantId) return withTenant(database, tenantId, (tx) => executeRows<Row>(tx, query));
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'foresight_app', true)`);
    return executeRows<Row>(tx, query);
  });
}

describe.each(testDrivers())("tenant isolation on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;
  let b: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
  });
  afterAll(() => database.close());

  it("forces RLS with a tenant policy on every tenant table", async () => {
    const names = TENANT_TABLES.map(getTableName);
    const result = await executeRows<{ name: string; enabled: boolean; forced: boolean; policies: number }>(database.owner.db, sql`
      select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as policies
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'`);
    const byName = new Map(result.map((r) => [r.name, r]));
    for (const name of names) {
      expect(byName.get(name), name).toMatchObject({ enabled: true, forced: true, policies: 1 });
    }
    // Any table with a tenant_id column must be in the list above.
    const withTenantColumn = await executeRows<{ table_name: string }>(database.owner.db, sql`
      select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`);
    expect(withTenantColumn.map((r) => r.table_name).filter((t) => !CROSS_TENANT_TABLES.includes(t)).sort()).toEqual([...names].sort());
  });

  it.runIf(driver === "postgres")("the app connects as a login role that is neither superuser, owner nor BYPASSRLS", async () => {
    // Straight from the catalog, not through the start-up check's own query.
    const [role] = await executeRows(database.db, sql`
      select r.rolsuper, r.rolbypassrls, r.rolinherit, r.rolcanlogin,
             (select count(*)::int from pg_class c where c.relnamespace = 'public'::regnamespace and pg_has_role(r.oid, c.relowner, 'MEMBER')) as owned,
             pg_has_role(r.oid, (select nspowner from pg_namespace where nspname = 'public'), 'MEMBER') as "ownsSchema"
        from pg_roles r where r.rolname = current_user`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolinherit: false, rolcanlogin: true, owned: 0, ownsSchema: false });
    expect(await inspectConnectionRole(database)).toMatchObject({ superuser: false, bypassRls: false, owner: false, inheritsAppRoles: false, canSwitchToAppRoles: true });
    // The owner's connection is what the start-up check refuses to serve from.
    await expect(assertAppLoginRole(database.owner)).rejects.toThrow(/superuser/);
  });

  it.runIf(driver === "postgres")("the app connection reads no table at all without switching into a role", async () => {
    for (const name of [...TENANT_TABLES.map(getTableName), "tenants", "users", "auth_sessions", "auth_throttle", "tenant_deletions"]) {
      await expectDbError(database.db.execute(sql.raw(`select 1 from ${name} limit 1`)), /permission denied/);
    }
  });

  it("the app role cannot bypass RLS", async () => {
    const [role] = await executeRows(database.db, sql`select rolbypassrls, rolsuper from pg_roles where rolname = 'foresight_app'`);
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false });
  });

  for (const table of TENANT_TABLES) {
    const name = getTableName(table);

    it(`${name}: a query without a tenant filter sees only the current tenant's rows`, async () => {
      const seenByA = await rows(database, a.id, name);
      const seenByB = await rows(database, b.id, name);
      expect(seenByA.length).toBeGreaterThan(0);
      expect(seenByB.length).toBeGreaterThan(0);
      expect(new Set(seenByA.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
      expect(new Set(seenByB.map((r) => r.tenant_id))).toEqual(new Set([b.id]));
    });

    it(`${name}: no tenant context sees zero rows`, async () => {
      expect(await rows(database, null, name)).toEqual([]);
    });

    it(`${name}: writing another tenant's id is refused`, async () => {
      // Re-insert one of A's own rows relabelled with B's id, from A's context.
      const [row] = await rows(database, a.id, name);
      if (!row) throw new Error("fixture row missing");
      const columns = Object.keys(row).filter((c) => c !== "id" || name !== "audit_log");
      const values = columns.map((c) => (c === "tenant_id" ? b.id : row[c]));
      const insert = sql`insert into ${sql.identifier(name)} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)}) values (${sql.join(values.map((v) => sql`${isJson(v) ? JSON.stringify(v) : v}`), sql`, `)})`;
      await expectDbError(withTenant(database, a.id, (tx) => tx.execute(insert)), /row-level security|permission denied/);
      if (name !== "audit_log") {
        const update = sql`update ${sql.identifier(name)} set tenant_id = ${b.id}`;
        await expectDbError(withTenant(database, a.id, (tx) => tx.execute(update)), /row-level security|permission denied/);
      }
      // B's rows are untouched and A cannot update them even naming them explicitly.
      const touched = await withTenant(database, a.id, (tx) =>
        executeRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(name)} where tenant_id = ${b.id}`),
      );
      expect(touched[0]?.n).toBe(0);
    });
  }

  it("the app role can insert and read the audit log but never update or delete it", async () => {
    await withTenant(database, a.id, (tx) => tx.execute(sql`insert into audit_log (tenant_id, action) values (${a.id}, 'test.append')`));
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`update audit_log set action = 'rewritten'`)), /permission denied/);
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`delete from audit_log`)), /permission denied/);
  });

  it("the app role can add reports but never change or delete one (a report is a record of what was generated)", async () => {
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`update reports set pages = 99`)), /permission denied/);
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`delete from reports`)), /permission denied/);
  });

  it("the app role cannot read password hashes", async () => {
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`select password_hash from users`)), /permission denied/);
    const visible = await withTenant(database, a.id, (tx) => executeRows<{ email: string }>(tx, sql`select email from users`));
    expect(visible.map((u) => u.email).sort()).toEqual(Object.values(a.users).map((u) => u.email).sort());
  });

  it("the app role sees only its own tenant row", async () => {
    const visible = await withTenant(database, a.id, (tx) => executeRows(tx, sql`select id from tenants`));
    expect(visible).toEqual([{ id: a.id }]);
  });

  it("a tenant setting does not leak into the next transaction on the same connection", async () => {
    await withTenant(database, a.id, (tx) => tx.execute(sql`select 1`));
    expect(await rows(database, null, "sales")).toEqual([]);
  });
});
