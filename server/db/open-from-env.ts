import path from "node:path";
import { env } from "@/server/env";
import { AppConnectionRoleError, NoOwnerConnectionError, appRoleProblems, assertAppLoginRole, inspectConnectionRole, isPrivileged } from "./connection-role";
import type { ConnectionRole } from "./connection-role";
import type { Database } from "./database";
import { migrateDatabase } from "./migrate";
import { openPglite } from "./open-pglite";
import { openPostgres } from "./open-postgres";

/**
 * How this process reaches the database:
 * - `embedded`: PGlite in DATA_DIR, one superuser session; every tenant transaction switches role.
 * - `one-url`: DATABASE_URL alone, connecting as the schema owner (or a superuser), which both
 *   migrates and serves; isolation rests on every transaction switching to foresight_app.
 * - `login-role`: DATABASE_URL is a login role that is neither superuser, owner nor BYPASSRLS, so
 *   the database itself refuses tenant data outside a tenant transaction; migrations and the demo
 *   seed go through MIGRATION_DATABASE_URL (the owner), which may be absent from a process that
 *   only serves.
 */
export type DatabaseMode = "embedded" | "one-url" | "login-role";

export type Databases = {
  mode: DatabaseMode;
  /** The connection tenant work runs on. */
  app: Database;
  /** The schema owner's connection (the same object as `app` unless in login-role mode), or null when this process has none. */
  owner: Database | null;
  /** The app connection's role; null on the embedded database. */
  role: ConnectionRole | null;
  close: () => Promise<void>;
};

/**
 * Opens the configured connections and decides the mode from what the app's role may do. Refuses
 * a privileged DATABASE_URL when a separate MIGRATION_DATABASE_URL says it should be a login role.
 * Nothing is migrated here.
 */
export async function openDatabasesFromEnv(): Promise<Databases> {
  if (!env.DATABASE_URL) {
    if (env.MIGRATION_DATABASE_URL) throw new Error("Invalid environment configuration:\n  - MIGRATION_DATABASE_URL: set DATABASE_URL too, to the app's login role (see the README).");
    const database = await openPglite(env.DATA_DIR);
    return { mode: "embedded", app: database, owner: database, role: null, close: () => database.close() };
  }
  const app = await openPostgres(env.DATABASE_URL);
  try {
    const role = await inspectConnectionRole(app);
    const ownerUrl = env.MIGRATION_DATABASE_URL && env.MIGRATION_DATABASE_URL !== env.DATABASE_URL ? env.MIGRATION_DATABASE_URL : null;
    if (isPrivileged(role)) {
      if (ownerUrl) throw new AppConnectionRoleError(role.name, appRoleProblems(role));
      return { mode: "one-url", app, owner: app, role, close: () => app.close() };
    }
    const owner = ownerUrl ? await openPostgres(ownerUrl, { max: 4 }) : null;
    const close = async () => {
      await Promise.all([app.close(), owner?.close()]);
    };
    return { mode: "login-role", app, owner, role, close };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Applies pending migrations through the owner's connection, then checks the app's login role
 * (after the migrations, which create the group roles it must belong to). Throws the reason when
 * there is no owner connection and `requireOwner` is set.
 */
export async function migrateAndCheck(databases: Databases, options: { requireOwner: boolean }): Promise<void> {
  if (databases.owner) await migrateDatabase(databases.owner);
  else if (options.requireOwner) throw new NoOwnerConnectionError("Migrating");
  if (databases.mode === "login-role") await assertAppLoginRole(databases.app);
}

/** One line for the start-up log: which mode, as whom, and what that means for isolation. */
export function describeDatabaseMode(databases: Databases): string {
  const { mode, role } = databases;
  if (mode === "embedded" || !role) {
    return `Database: embedded PGlite in ${path.resolve(env.DATA_DIR, "pglite")} (one process; every tenant transaction switches to foresight_app).`;
  }
  if (mode === "one-url") {
    const what = [role.superuser && "superuser", role.bypassRls && "BYPASSRLS", role.owner && "owner of the tables"].filter(Boolean).join(", ");
    return (
      `Database: PostgreSQL, one-URL mode: DATABASE_URL connects as "${role.name}" (${what}), which migrates and serves; ` +
      "tenant isolation rests on every transaction switching to foresight_app. For the database to enforce it, " +
      "set MIGRATION_DATABASE_URL to this URL and DATABASE_URL to a login role (npm run db:create-app-role)."
    );
  }
  return (
    `Database: PostgreSQL, login-role mode: the app connects as "${role.name}" (no superuser, owner or BYPASSRLS; RLS is enforced by the database); ` +
    (databases.owner ? "migrations and the demo seed run through MIGRATION_DATABASE_URL." : "no MIGRATION_DATABASE_URL, so this process runs no migrations.")
  );
}

/**
 * The app's database, migrated and checked, for a process that serves (the web server, the CLI):
 * the owner's connection, when separate, is closed again once the migrations are done.
 */
export async function openAppDatabase(): Promise<{ database: Database; mode: string }> {
  const databases = await openDatabasesFromEnv();
  try {
    await migrateAndCheck(databases, { requireOwner: false });
  } catch (error) {
    await databases.close();
    throw error;
  }
  if (databases.owner && databases.owner !== databases.app) await databases.owner.close();
  return { database: databases.app, mode: describeDatabaseMode(databases) };
}
