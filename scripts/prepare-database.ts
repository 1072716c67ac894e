import { and, eq, inArray } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { NoOwnerConnectionError } from "@/server/db/connection-role";
import { describeDatabaseMode, migrateAndCheck, openDatabasesFromEnv } from "@/server/db/open-from-env";
import { analyzeTablesWithoutStatistics } from "@/server/db/planner-statistics";
import { withAuthRole } from "@/server/db/tenant-context";
import { databaseHasTenants, seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { installDemoModel } from "@/server/services/forecasting/demo-models";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";

/**
 * Migrates the configured database through the schema owner's connection and, when asked, seeds
 * the demo tenants into it (as the owner: COPY) if it has no tenants yet and gives them production
 * models (as the app: tenant transactions). Closes both connections afterwards so the server
 * process can open the database (PGlite allows one process).
 */
export async function prepareDatabase(options: { seedDemo: boolean; installDemoModels?: boolean }): Promise<{ demoLogins: string[] }> {
  const databases = await openDatabasesFromEnv();
  try {
    const started = Date.now();
    await migrateAndCheck(databases, { requireOwner: true });
    const owner = databases.owner;
    if (!owner) throw new NoOwnerConnectionError("Migrating");
    console.log(describeDatabaseMode(databases));
    console.log(`Database (${databases.app.driver}) migrated in ${Date.now() - started} ms.`);
    if (!options.seedDemo) {
      await gatherPlannerStatistics(owner);
      return { demoLogins: [] };
    }
    if (!(await databaseHasTenants(owner))) {
      console.log("Empty database: generating and loading the demo tenants…");
      const seeded = await seedDemoTenants(owner);
      for (const t of seeded.tenants) {
        const seconds = ((t.generateMs + t.loadMs) / 1000).toFixed(1);
        console.log(`  ${t.slug}: ${t.rows.sales.toLocaleString("en-US")} sales rows in ${seconds} s (generated ${(t.generateMs / 1000).toFixed(1)} s, loaded ${(t.loadMs / 1000).toFixed(1)} s)`);
      }
      console.log(`Demo tenants seeded in ${(seeded.totalMs / 1000).toFixed(1)} s.`);
    }
    await gatherPlannerStatistics(owner);
    const configs = await loadTenantConfigs();
    if (options.installDemoModels ?? true) {
      await installDemoModels(databases.app, configs.map((c) => c.slug));
      await gatherPlannerStatistics(owner); // the forecasts and registry rows just written
    }
    return { demoLogins: configs.flatMap((c) => c.demoUsers.map((u) => `${u.email}  (${u.role}, ${c.slug})`)) };
  } finally {
    await databases.close();
  }
}

/** PGlite has no autovacuum: bulk-loaded tables get their planner statistics here, or queries crawl. */
async function gatherPlannerStatistics(owner: Database): Promise<void> {
  const started = Date.now();
  const analyzed = await analyzeTablesWithoutStatistics(owner);
  if (analyzed.length > 0) console.log(`Planner statistics gathered for ${analyzed.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Demo tenants without a production model get the shipped one (or, when it is stale, a fresh training run). */
async function installDemoModels(database: Database, slugs: string[]): Promise<void> {
  const demo = await withAuthRole(database, (tx) =>
    tx
      .select({ id: tenants.id, slug: tenants.slug })
      .from(tenants)
      .where(and(eq(tenants.isDemo, true), inArray(tenants.slug, slugs))),
  );
  for (const tenant of demo) {
    const result = await installDemoModel(database, tenant, { onTraining: () => console.log(`${tenant.slug}: the shipped model does not match this data; training one (several minutes)…`) });
    if (result.source !== "present") console.log(`${tenant.slug}: production model ${result.source === "shipped" ? "installed from models/demo" : "trained"} in ${result.seconds.toFixed(1)} s.`);
  }
}
