import { env } from "@/server/env";
import type { Database } from "./database";
import { openPglite } from "./open-pglite";
import { openPostgres } from "./open-postgres";

/** Opens the configured database: postgres.js when DATABASE_URL is set, PGlite in DATA_DIR otherwise. */
export function openDatabaseFromEnv(): Promise<Database> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.DATA_DIR);
}
