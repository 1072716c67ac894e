import { sql } from "drizzle-orm";
import type { Database } from "./database";
import { executeRows } from "./execute-rows";

/**
 * ANALYZEs the tables that hold rows but have no planner statistics, and returns their names.
 *
 * PGlite runs no autovacuum, so a table filled in bulk (the demo seed, a CSV import) would keep no
 * statistics at all; the planner then guesses a handful of rows and picks nested loops that made
 * the dashboard's sales summary take 10–40 s instead of about one. On PostgreSQL autovacuum gets
 * there eventually; doing it here means the first page after start-up is already fast. Tables
 * that already have statistics are left alone, so a restart costs one catalog query.
 */
export async function analyzeTablesWithoutStatistics(database: Database): Promise<string[]> {
  const rows = await executeRows<{ table: string }>(
    database.db,
    sql`select c.relname as "table"
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind = 'r'
           and pg_relation_size(c.oid) > 0
           and not exists (select 1 from pg_stats s where s.schemaname = n.nspname and s.tablename = c.relname)
         order by 1`,
  );
  const tables = rows.map((r) => r.table);
  if (tables.length > 0) await database.db.execute(sql.raw(`analyze ${tables.map((t) => `"${t.replaceAll('"', '""')}"`).join(", ")}`));
  return tables;
}

/**
 * ANALYZEs `tables` after a bulk change (a CSV import) so the planner sees the new rows at once.
 * Only an owner may: on PGlite (a superuser session) and in one-URL mode it runs; a login role
 * that owns nothing gets PostgreSQL's "skipping" warning, and autovacuum catches up there.
 */
export async function analyzeTables(database: Database, tables: readonly string[]): Promise<void> {
  for (const t of tables) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`Not a table name: ${t}`);
  if (tables.length > 0) await database.db.execute(sql.raw(`analyze ${tables.join(", ")}`));
}
