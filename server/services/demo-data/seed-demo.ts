import "server-only";
import { count, eq, inArray, sql } from "drizzle-orm";
import { calendarEvents, inventorySettings, memberships, tenants, users } from "@/drizzle/schema";
import { hashPassword } from "@/server/auth/password";
import type { Database, Db, Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withOwnerTransaction, withSingleSessionTransaction } from "@/server/db/owner-transaction";
import { withAuthRole } from "@/server/db/tenant-context";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { ROLLUP_TABLES, refreshSalesRollups } from "@/server/services/sales/refresh-sales-rollups";
import { DEMO_CALIBRATION } from "@/server/services/inventory/demo-calibration";
import { CALENDAR_AHEAD_DAYS, holidayEvents } from "./calendar";
import { catalogCopyChunks, demoDataCopyChunks, demoDataRowCounts, historyCopyChunks } from "./demo-data-csv";
import type { CopyChunk, DemoTable } from "./demo-data-csv";
import { generateTenantData } from "./generate-tenant-data";
import type { DemoData, Scale } from "./types";

export const DEMO_PASSWORD = "demo1234";

export type SeedDemoOptions = {
  /** Smaller data than tenant.json asks for (tests, quick demos). */
  scale?: Scale;
  /** Defaults to every `tenants/<slug>/tenant.json`. */
  configs?: TenantConfig[];
};

export type SeededTenant = {
  slug: string;
  tenantId: string;
  rows: Record<DemoTable, number>;
  generateMs: number;
  loadMs: number;
};

export type SeedDemoResult = {
  seeded: boolean;
  tenants: SeededTenant[];
  /** Wall time of the whole seed, including index builds and checks after the per-tenant loads. */
  totalMs: number;
};

/** Whether any tenant exists (read as the identity role, which sees every tenant row). */
export async function databaseHasTenants(database: Database): Promise<boolean> {
  const [existing] = await withAuthRole(database, (tx) => tx.select({ n: count() }).from(tenants));
  return (existing?.n ?? 0) > 0;
}

/**
 * Seeds the demo tenants — tenant rows, demo logins and memberships, then the eight data sources and the stockout log
 * through COPY — into a database that has no tenants yet; with any tenant present it does nothing.
 * Runs on the schema owner's connection (MIGRATION_DATABASE_URL): Postgres refuses COPY FROM into
 * tables whose row-level security applies to the caller, so a superuser or BYPASSRLS owner loads
 * directly and a plain owner lifts the forced RLS inside each of its own transactions
 * (server/db/owner-transaction.ts). Nothing else may use the database meanwhile (start-up and
 * `db:seed` run it before serving).
 */
export async function seedDemoTenants(owner: Database, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  if (await databaseHasTenants(owner)) return { seeded: false, tenants: [], totalMs: performance.now() - started };
  const configs = options.configs ?? (await loadTenantConfigs());
  // argon2 is slow on purpose; every demo login shares one password, so hash it once.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seed = owner.driver === "pglite" ? seedInOneTransaction : seedWithUndo;
  const seeded = await seed(owner, configs, passwordHash, options.scale);
  return { seeded: true, tenants: seeded, totalMs: performance.now() - started };
}

type Seeder = (database: Database, configs: TenantConfig[], passwordHash: string, scale: Scale | undefined) => Promise<SeededTenant[]>;

/** One tenant at a time, so only one tenant's generated history is held in memory. */
async function seedEach(configs: TenantConfig[], scale: Scale | undefined, load: (config: TenantConfig, data: DemoData) => Promise<string>): Promise<SeededTenant[]> {
  const seeded: SeededTenant[] = [];
  for (const config of configs) {
    const started = performance.now();
    const data = generateTenantData(config, { scale });
    const generated = performance.now();
    const tenantId = await load(config, data);
    seeded.push({ slug: config.slug, tenantId, rows: demoDataRowCounts(data), generateMs: generated - started, loadMs: performance.now() - generated });
  }
  return seeded;
}

/**
 * PGlite has a single session, so COPY (which the driver runs outside drizzle) joins a transaction
 * opened by hand: the demo tenants appear completely or not at all, even if the process dies.
 * Inside it the load skips the per-row work that made it several times slower — foreign-key
 * triggers (session_replication_role) and index maintenance on the data tables — then rebuilds the
 * indexes (which re-checks the primary keys) and checks every reference in one set-based pass.
 */
const seedInOneTransaction: Seeder = (database, configs, passwordHash, scale) =>
  withSingleSessionTransaction(database, async (db) => {
    await db.execute(sql`set local session_replication_role = replica`);
    const recreateIndexes = await dropIndexes(db, DATA_TABLES);
    const seeded = await seedEach(configs, scale, async (config, data) => {
      const { tenantId } = await createTenantWithUsers(db, config, passwordHash);
      await insertCalendarEvents(db, tenantId, data);
      await insertInventorySettings(db, tenantId, data);
      for (const chunk of demoDataCopyChunks(data, tenantId)) await database.copyRows(chunk.table, chunk.columns, chunk.csv);
      return tenantId;
    });
    for (const statement of recreateIndexes) await db.execute(sql.raw(statement));
    for (const { tenantId } of seeded) {
      await assertReferencesExist(db, tenantId);
      await refreshTenantRollups(db, tenantId);
    }
    return seeded;
  });

/**
 * postgres.js streams each COPY in its own transaction on a pooled connection, so the load cannot
 * share one transaction; a failure is undone by hand instead: deleting the tenant cascades to its
 * rows, and the users it created go too. Foreign keys are checked row by row, which running COPYs
 * side by side makes up for in part.
 */
const seedWithUndo: Seeder = (database, configs, passwordHash, scale) =>
  seedEach(configs, scale, async (config, data) => {
    const { tenantId, createdUserIds } = await withOwnerTransaction(database, TENANT_ROWS, async (tx) => {
      const created = await createTenantWithUsers(tx, config, passwordHash);
      await insertCalendarEvents(tx, created.tenantId, data);
      await insertInventorySettings(tx, created.tenantId, data);
      return created;
    });
    try {
      for (const chunk of catalogCopyChunks(data, tenantId)) await database.copyRows(chunk.table, chunk.columns, chunk.csv);
      await copyConcurrently(database, historyCopyChunks(data, tenantId), POSTGRES_PARALLEL_COPIES);
      await withOwnerTransaction(database, ROLLUP_SOURCES, (tx) => refreshTenantRollups(tx, tenantId));
      return tenantId;
    } catch (error) {
      await withOwnerTransaction(database, TENANT_ROWS, async (tx) => {
        await tx.delete(tenants).where(eq(tenants.id, tenantId));
        if (createdUserIds.length > 0) await tx.delete(users).where(inArray(users.id, createdUserIds));
      });
      throw error;
    }
  });

/** What a tenant's creation (and its undo) writes outside COPY. */
const TENANT_ROWS = ["tenants", "users", "memberships", "calendar_events", "inventory_settings"] as const;

/**
 * Measured on a 2-CPU machine: two concurrent COPYs loaded 1.7× faster than one, four no faster
 * than two. An owner that must lift FORCE for its COPYs locks the table meanwhile, so its COPYs
 * into one table take turns (the full seed: 71–90 s against 48 s as a superuser, on a machine shared with other work).
 */
const POSTGRES_PARALLEL_COPIES = 2;

/**
 * Runs the chunks on `parallel` connections, building each only when a connection is free. After a
 * failure no new chunk starts, and it returns only when none is running.
 */
async function copyConcurrently(database: Database, chunks: Iterator<CopyChunk>, parallel: number): Promise<void> {
  let failed = false;
  const results = await Promise.allSettled(
    Array.from({ length: parallel }, async () => {
      try {
        for (let next = chunks.next(); !next.done && !failed; next = chunks.next()) {
          await database.copyRows(next.value.table, next.value.columns, next.value.csv);
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  const failure = results.find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
}

/** The tenant row, its demo users (reusing any that already exist) and their memberships. */
async function createTenantWithUsers(db: Db | Tx, config: TenantConfig, passwordHash: string) {
  const [tenant] = await db
    .insert(tenants)
    .values({
      slug: config.slug,
      name: config.name,
      plan: config.plan,
      currency: config.currency,
      locale: config.locale,
      branding: {
        displayName: config.branding.displayName,
        primaryColor: config.branding.primaryColor,
        accentColor: config.branding.accentColor,
        logoPath: `tenants/${config.slug}/${config.branding.logo}`,
      },
      isDemo: true,
    })
    .returning({ id: tenants.id });
  if (!tenant) throw new Error(`Could not create tenant ${config.slug}`);
  const created = await db
    .insert(users)
    .values(config.demoUsers.map((u) => ({ email: u.email, name: u.name, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  const emails = config.demoUsers.map((u) => u.email);
  const existing = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const ids = new Map(existing.map((u) => [u.email, u.id]));
  await db.insert(memberships).values(
    config.demoUsers.map((u) => {
      const userId = ids.get(u.email);
      if (!userId) throw new Error(`Demo user ${u.email} was not created`);
      return { tenantId: tenant.id, userId, role: u.role };
    }),
  );
  return { tenantId: tenant.id, createdUserIds: created.map((u) => u.id) };
}

async function insertCalendarEvents(db: Db | Tx, tenantId: string, data: DemoData): Promise<void> {
  const { holidays, startDate, days } = data.truth.params;
  const events = holidayEvents(holidays, startDate, days, CALENDAR_AHEAD_DAYS);
  if (events.length > 0) await db.insert(calendarEvents).values(events.map((e) => ({ tenantId, ...e })));
}

/** Stores review their stock as often as the generator's stores did, with the tenant's fitted lead-time calibration. */
async function insertInventorySettings(db: Db | Tx, tenantId: string, data: DemoData): Promise<void> {
  await db.insert(inventorySettings).values({ tenantId, reviewPeriodDays: data.truth.params.inventory.reviewPeriodDays, calibration: DEMO_CALIBRATION[data.slug] ?? null });
}

/** What the rollups are built from and into: an owner without BYPASSRLS reads and writes them with FORCE lifted. */
const ROLLUP_SOURCES = ["sales", "items", ...ROLLUP_TABLES] as const;

/** The tenant's sales rollups from its loaded history, in the loading transaction (no tenant context there, so set one). */
async function refreshTenantRollups(db: Db | Tx, tenantId: string): Promise<void> {
  await db.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
  await refreshSalesRollups(db, "tenant");
}

/** The tables that reference stores and items; no foreign key points at them, so their keys can be dropped and rebuilt. */
const DATA_TABLES = ["sales", "price_history", "discounts_history", "markdowns", "online", "inventory", "stockout_days"] as const;

/** Drops the tables' indexes and key constraints (foreign keys stay) and returns the statements that recreate them as they were. */
async function dropIndexes(db: Db, tables: readonly string[]): Promise<string[]> {
  const list = sql.raw(tables.map((t) => `'${t}'::regclass`).join(", "));
  const indexes = await executeRows<{ drop: string; create: string }>(
    db,
    sql`select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop,
               format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) as create
          from pg_constraint c where c.conrelid in (${list}) and c.contype in ('p', 'u')
        union all
        select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
          from pg_index i where i.indrelid in (${list})
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  for (const index of indexes) await db.execute(sql.raw(index.drop));
  return indexes.map((index) => index.create);
}

/** Child table, column and parent: the composite foreign keys of drizzle/schema/retail.ts. */
const REFERENCES = [
  ...(["sales", "price_history", "discounts_history", "markdowns", "inventory", "stockout_days"] as const).flatMap((table) => [
    { table, column: "store_id", parent: "stores" },
    { table, column: "item_id", parent: "items" },
  ]),
  { table: "online", column: "item_id", parent: "items" },
] as const;

async function assertReferencesExist(db: Db, tenantId: string): Promise<void> {
  for (const { table, column, parent } of REFERENCES) {
    const [dangling] = await executeRows<{ id: string }>(
      db,
      // Distinct ids first: a handful of values to look up, whatever plan the freshly loaded,
      // statistics-less table would otherwise get.
      sql`select c.id from (select distinct ${sql.raw(column)} as id from ${sql.raw(table)} where tenant_id = ${tenantId}) c
          where not exists (select 1 from ${sql.raw(parent)} p where p.tenant_id = ${tenantId} and p.id = c.id) limit 1`,
    );
    if (dangling) throw new Error(`Demo data for ${tenantId}: ${table}.${column} ${dangling.id} has no row in ${parent}`);
  }
}
