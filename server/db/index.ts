import "server-only";
import type { Database } from "./database";
import { openAppDatabase } from "./open-from-env";

export type { Database, Db, Tx } from "./database";
export { withTenant, withAuthRole, TENANT_ROLE, AUTH_ROLE } from "./tenant-context";

const globalForDb = globalThis as unknown as { foresightDb?: Promise<Database> };

/**
 * The process-wide app database: PGlite in DATA_DIR, or postgres.js on DATABASE_URL (see
 * `DatabaseMode`: a privileged DATABASE_URL beside a separate MIGRATION_DATABASE_URL is refused).
 * Kept on globalThis so dev reloads and separate route bundles share one PGlite instance.
 * Pending migrations are applied on first open (a no-op after `npm start` has run them).
 */
export function getDatabase(): Promise<Database> {
  globalForDb.foresightDb ??= openAppDatabase().then(({ database, mode }) => {
    console.log(mode);
    return database;
  });
  return globalForDb.foresightDb;
}
