import { sql } from "drizzle-orm";
import type { Database, Db, Tx } from "./database";

/**
 * Every tenant table FORCEs row-level security, so RLS binds its owner too: a query the owner
 * forgets to run as foresight_app sees nothing. Superusers and BYPASSRLS roles ignore that; a plain
 * owner (managed PostgreSQL, where the owner is no superuser) cannot COPY into such a table at all
 * ("COPY FROM is not supported for tables with row-level security") and sees no row of it.
 *
 * These statements lift FORCE on the given tables for the rest of the current transaction and put
 * it back, for such an owner only. DDL is transactional: no other session ever sees a table
 * unforced, and the ALTER's ACCESS EXCLUSIVE lock keeps everyone else off it until commit; a
 * rollback restores FORCE by itself. Tables the connection does not own, or that are not forced,
 * are left alone (a staging table, a superuser's connection).
 */
export function forcedRlsStatement(tables: readonly string[], action: "lift" | "restore"): string {
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`Not a table name: ${t}`);
  const list = tables.map((t) => `'${t}'`).join(", ");
  const [state, change] = action === "lift" ? ["c.relforcerowsecurity", "NO FORCE"] : ["c.relrowsecurity AND NOT c.relforcerowsecurity", "FORCE"];
  return `DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT c.oid FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
            WHERE c.oid = ANY (ARRAY[${list}]::regclass[]) AND ${state}
              AND NOT r.rolsuper AND NOT r.rolbypassrls AND pg_has_role(c.relowner, 'USAGE') LOOP
    EXECUTE format('ALTER TABLE %s ${change} ROW LEVEL SECURITY', t);
  END LOOP;
END $$`;
}

/**
 * Runs `fn` in a transaction on the schema owner's connection in which RLS does not apply to the
 * owner on `tables` (see `forcedRlsStatement`): the demo seed's writes, which happen before any
 * tenant could be served. Never hand it the app's connection; it does not own the tables.
 */
export async function withOwnerTransaction<T>(owner: Database, tables: readonly string[], fn: (tx: Tx) => Promise<T>): Promise<T> {
  return owner.db.transaction(async (tx) => {
    await tx.execute(sql.raw(forcedRlsStatement(tables, "lift")));
    const result = await fn(tx);
    await tx.execute(sql.raw(forcedRlsStatement(tables, "restore")));
    return result;
  });
}

/**
 * PGlite only: one transaction around drizzle queries AND `copyRows`, which the driver runs on its
 * client outside drizzle and so cannot join a drizzle transaction. PGlite has a single session, so
 * a BEGIN issued here is the transaction both run in. PGlite connects as a superuser, so RLS does
 * not bind `fn` either: it is for the demo seed, before anything is served.
 */
export async function withSingleSessionTransaction<T>(owner: Database, fn: (db: Db) => Promise<T>): Promise<T> {
  if (owner.driver !== "pglite") throw new Error("withSingleSessionTransaction needs PGlite's single session");
  const { db } = owner;
  await db.execute(sql`begin`);
  try {
    const result = await fn(db);
    await db.execute(sql`commit`);
    return result;
  } catch (error) {
    await db.execute(sql`rollback`);
    throw error;
  }
}
