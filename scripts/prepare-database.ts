import { and, count, eq, inArray } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";
import { analyzeTablesWithoutStatistics } from "@/server/db/planner-statistics";
import { openDatabaseFromEnv } from "@/server/db/open-from-env";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { installDemoModel } from "@/server/services/forecasting/demo-models";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";

/**
 * Migrates the configured database and, when asked, seeds the demo tenants into it if it has no
 * tenants yet and gives them production models. Closes the database afterwards so the server process can open it (PGlite allows one).
 */
export async function prepareDatabase(options: { seedDemo: boolean; installDemoModels?: boolean }): Promise<{ demoLogins: string[] }> {
  const database = await openDatabaseFromEnv();
  try {
    const started = Date.now();
    await migrateDatabase(database);
    console.log(`Database (${database.driver}) migrated in ${Date.now() - started} ms.`);
    if (!options.seedDemo) {
      await gatherPlannerStatistics(database);
      return { demoLogins: [] };
    }
    const [existing] = await database.db.select({ n: count() }).from(tenants);
    if ((existing?.n ?? 0) === 0) {
      console.log("Empty database: generating and loading the demo tenants…");
      const seeded = await seedDemoTenants(database);
      for (const t of seeded.tenants) {
        const seconds = ((t.generateMs + t.loadMs) / 1000).toFixed(1);
        console.log(`  ${t.slug}: ${t.rows.sales.toLocaleString("en-US")} sales rows in ${seconds} s (generated ${(t.generateMs / 1000).toFixed(1)} s, loaded ${(t.loadMs / 1000).toFixed(1)} s)`);
      }
      console.log(`Demo tenants seeded in ${(seeded.totalMs / 1000).toFixed(1)} s.`);
    }
    await gatherPlannerStatistics(database);
    const configs = await loadTenantConfigs();
    if (options.installDemoModels ?? true) {
      await installDemoModels(database, configs.map((c) => c.slug));
      await gatherPlannerStatistics(database); // the forecasts and registry rows just written
    }
    return { demoLogins: configs.flatMap((c) => c.demoUsers.map((u) => `${u.email}  (${u.role}, ${c.slug})`)) };
  } finally {
    await database.close();
  }
}

/** PGlite has no autovacuum: bulk-loaded tables get their planner statistics here, or queries crawl. */
async function gatherPlannerStatistics(database: Database): Promise<void> {
  const started = Date.now();
  const analyzed = await analyzeTablesWithoutStatistics(database);
  if (analyzed.length > 0) console.log(`Planner statistics gathered for ${analyzed.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Demo tenants without a production model get the shipped one (or, when it is stale, a fresh training run). */
async function installDemoModels(database: Database, slugs: string[]): Promise<void> {
  const demo = await database.db
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(and(eq(tenants.isDemo, true), inArray(tenants.slug, slugs)));
  for (const tenant of demo) {
    const result = await installDemoModel(database, tenant, { onTraining: () => console.log(`${tenant.slug}: the shipped model does not match this data; training one (several minutes)…`) });
    if (result.source !== "present") console.log(`${tenant.slug}: production model ${result.source === "shipped" ? "installed from models/demo" : "trained"} in ${result.seconds.toFixed(1)} s.`);
  }
}
