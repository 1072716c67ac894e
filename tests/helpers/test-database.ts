import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { openPostgres } from "@/server/db/open-postgres";

export type Driver = Database["driver"];

/** The drivers integration tests run on: PGlite always, Postgres when DATABASE_URL is set. */
export function testDrivers(): Driver[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A fresh, migrated database of its own: in-memory PGlite, or a uniquely named database on the
 * DATABASE_URL server that `close()` drops again.
 */
export async function createTestDatabase(driver: Driver): Promise<Database> {
  if (driver === "pglite") {
    const database = await openPglite(null);
    await migrateDatabase(database);
    return database;
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is required for the postgres driver");
  const name = `foresight_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 4 });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
