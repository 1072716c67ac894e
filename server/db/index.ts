import "server-only";
import type { Database } from "./database";
import { migrateDatabase } from "./migrate";
import { openDatabaseFromEnv } from "./open-from-env";

export type { Database, Db, Tx } from "./database";
export { withTenant, withAuthRole, TENANT_ROLE, AUTH_ROLE } from "./tenant-context";

const globalForDb = globalThis as unknown as { foresightDb?: Promise<Database> };

/**
 * The process-wide database: postgres.js when DATABASE_URL is set, PGlite in DATA_DIR otherwise.
 * Kept on globalThis so dev reloads and separate route bundles share one PGlite instance.
 * Pending migrations are applied on first open (a no-op after `npm start` has run them).
 */
export function getDatabase(): Promise<Database> {
  globalForDb.foresightDb ??= openDatabaseFromEnv().then(async (database) => {
    await migrateDatabase(database);
    return database;
  });
  return globalForDb.foresightDb;
}
