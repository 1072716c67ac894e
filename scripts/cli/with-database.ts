import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";

/**
 * Opens the configured database (postgres.js with DATABASE_URL, else PGlite in DATA_DIR), applies
 * pending migrations, runs `fn` and closes it again, so a PGlite directory is held only while
 * the command runs. Opening a PGlite directory that the server holds throws DataDirLockedError.
 */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `--help` then works without a valid environment, and a bad
  // environment is reported by the CLI's error handler instead of crashing the module load.
  const { openDatabaseFromEnv } = await import("@/server/db/open-from-env");
  const database = await openDatabaseFromEnv();
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
