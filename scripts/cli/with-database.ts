import type { Database } from "@/server/db/database";

/**
 * Opens the app's database as the server would (PGlite in DATA_DIR, or DATABASE_URL with pending
 * migrations applied through the owner's connection), runs `fn` and closes it again, so a PGlite
 * directory is held only while the command runs. Opening a PGlite directory that the server holds
 * throws DataDirLockedError.
 */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `--help` then works without a valid environment, and a bad
  // environment is reported by the CLI's error handler instead of crashing the module load.
  const { openAppDatabase } = await import("@/server/db/open-from-env");
  const { database } = await openAppDatabase();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
