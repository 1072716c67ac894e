import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createAppLoginRole } from "@/server/db/app-login-role";
import { assertAppLoginRole } from "@/server/db/connection-role";
import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { openPostgres } from "@/server/db/open-postgres";

export type Driver = Database["driver"];

/** The app-side database of a test, with the schema owner's connection beside it for what only the owner does (the seed, the catalog). */
export type TestDatabase = Database & { owner: Database; /** Postgres only: the owner's URL, for a child process of the test. */ ownerUrl?: string };

/** The drivers integration tests run on: PGlite always, Postgres when DATABASE_URL is set. */
export function testDrivers(): Driver[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** A URL on the DATABASE_URL server for `database`, logging in as `user` (the server's own user when omitted). */
export function serverUrl(database: string, user?: { name: string; password: string }): string {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is required for the postgres driver");
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

/** A name no other test (file, worker or run) uses: databases and roles are shared by the whole server. */
export const uniqueTestName = (kind: string) => `foresight_${kind}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

/** Runs `fn` on a one-connection client of the DATABASE_URL server's own user (a superuser in CI). */
export async function withServerAdmin<T>(fn: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is required for the postgres driver");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database of its own: in-memory PGlite (one superuser session that switches
 * role in every transaction, as the embedded app does), or a uniquely named database on the
 * DATABASE_URL server, migrated by the server's user as the owner, that the app side reaches as
 * a login role of its own — LOGIN NOINHERIT, neither superuser, owner nor BYPASSRLS — exactly as
 * the login-role mode serves. Roles are cluster-wide and test files run in parallel, so each test
 * database gets its own role; `close()` drops both again.
 */
export async function createTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === "pglite") {
    const database = await openPglite(null);
    await migrateDatabase(database);
    return { ...database, owner: database };
  }
  const name = uniqueTestName("test");
  const role = { name: `${name}_app`, password: randomBytes(18).toString("base64url") };
  await withServerAdmin((admin) => admin.unsafe(`CREATE DATABASE ${name}`));
  const owner = await openPostgres(serverUrl(name), { max: 4 });
  let app: Database | undefined;
  const close = async () => {
    await app?.close();
    await owner.close();
    await withServerAdmin(async (admin) => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${role.name}`);
    });
  };
  try {
    await migrateDatabase(owner);
    await createAppLoginRole(owner, role);
    app = await openPostgres(serverUrl(name, role), { max: 4 });
    await assertAppLoginRole(app);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...app, owner, close, ownerUrl: serverUrl(name) };
}
