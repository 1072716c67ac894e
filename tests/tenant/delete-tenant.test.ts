import { sql } from "drizzle-orm";
import { CROSS_TENANT_TABLES } from "../helpers/cross-tenant-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { expectDbError } from "../helpers/expect-db-error";
import { FIXTURE_PASSWORD, createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";
import { trpcOutcome } from "../billing/helpers";

describe.each(testDrivers())("tenant deletion on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;
  let b: FixtureTenant;

  /** Rows per tenant table for one tenant, read by the schema owner (no RLS in the way), table by table. */
  async function rowsPerTable(tenantId: string): Promise<Record<string, number>> {
    const tables = await executeRows<{ table_name: string }>(database.owner.db, sql`
      select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`);
    // The job queue is not a tenant table (fixtures queue nothing); its rows go with the tenant by ON DELETE CASCADE.
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.filter((t) => !CROSS_TENANT_TABLES.includes(t.table_name))) {
      const [row] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from ${sql.identifier(table_name)} where tenant_id = ${tenantId}`);
      counts[table_name] = row?.n ?? -1;
    }
    return counts;
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
  });
  afterAll(() => database.close());

  it("is refused without the owner role, a recent sign-in, the right slug and the right password, and then deletes nothing", async () => {
    const admin = callerFor(database, a.users.admin.id, a.slug);
    expect((await trpcOutcome(admin.tenant.delete({ confirmSlug: a.slug, password: FIXTURE_PASSWORD }))).code).toBe("FORBIDDEN");
    const stale = callerFor(database, a.users.owner.id, a.slug, { signedInMinutesAgo: 30 });
    expect((await trpcOutcome(stale.tenant.delete({ confirmSlug: a.slug, password: FIXTURE_PASSWORD }))).code).toBe("FORBIDDEN");
    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect(await trpcOutcome(owner.tenant.delete({ confirmSlug: a.slug, password: "not the password" }))).toEqual({ code: "FORBIDDEN", message: "That password is not right; the workspace was not deleted." });
    expect(await trpcOutcome(owner.tenant.delete({ confirmSlug: "t-b", password: FIXTURE_PASSWORD }))).toEqual({ code: "BAD_REQUEST", message: `Type the workspace's slug (${a.slug}) to confirm; nothing was deleted.` });
    const counts = await rowsPerTable(a.id);
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);
  });

  it("removes every row of that tenant, table by table, and nothing of another tenant", async () => {
    const before = await rowsPerTable(a.id);
    const bBefore = await rowsPerTable(b.id);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(20);
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);

    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect(await owner.tenant.delete({ confirmSlug: a.slug, password: FIXTURE_PASSWORD })).toEqual({ slug: a.slug });

    expect(Object.entries(await rowsPerTable(a.id)).filter(([, n]) => n !== 0)).toEqual([]);
    expect(await rowsPerTable(b.id)).toEqual(bBefore);
    const [tenantRow] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from tenants where id = ${a.id}`);
    expect(tenantRow?.n).toBe(0);
    const deletions = await executeRows<{ slug: string; deleted_by: string }>(database.owner.db, sql`select slug, deleted_by from tenant_deletions where deleted_tenant_id = ${a.id}`);
    expect(deletions).toEqual([{ slug: a.slug, deleted_by: a.users.owner.id }]);
    // The app role can record a deletion but never read or rewrite the records.
    await expectDbError(withTenant(database, b.id, (tx) => tx.execute(sql`select * from tenant_deletions`)), /permission denied/);
    await expectDbError(withTenant(database, b.id, (tx) => tx.execute(sql`delete from tenant_deletions`)), /permission denied/);
    // The accounts remain; the workspace is gone for them.
    const [users] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from users where id = ${a.users.owner.id}`);
    expect(users?.n).toBe(1);
    expect((await trpcOutcome(owner.tenant.current())).code).toBe("NOT_FOUND");
  });
});
