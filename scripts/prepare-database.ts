import { count } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import { migrateDatabase } from "@/server/db/migrate";
import { openDatabaseFromEnv } from "@/server/db/open-from-env";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";

/**
 * Migrates the configured database and, when asked, seeds the demo tenants into it if it has no
 * tenants yet. Closes the database afterwards so the server process can open it (PGlite allows one).
 */
export async function prepareDatabase(options: { seedDemo: boolean }): Promise<{ demoLogins: string[] }> {
  const database = await openDatabaseFromEnv();
  try {
    const started = Date.now();
    await migrateDatabase(database);
    console.log(`Database (${database.driver}) migrated in ${Date.now() - started} ms.`);
    if (!options.seedDemo) return { demoLogins: [] };
    const [existing] = await database.db.select({ n: count() }).from(tenants);
    if ((existing?.n ?? 0) === 0) {
      console.log("Empty database: generating and loading the demo tenants…");
      const seedStarted = Date.now();
      await seedDemoTenants(database);
      console.log(`Demo tenants seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s.`);
    }
    const configs = await loadTenantConfigs();
    return { demoLogins: configs.flatMap((c) => c.demoUsers.map((u) => `${u.email}  (${u.role}, ${c.slug})`)) };
  } finally {
    await database.close();
  }
}
