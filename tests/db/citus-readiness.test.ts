import { sql } from "drizzle-orm";
import { CROSS_TENANT_TABLES } from "../helpers/cross-tenant-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "@/server/db/execute-rows";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

/**
 * Tables without tenant_id: replicated to every node as Citus reference tables if the schema is
 * ever sharded by tenant_id. A new table goes either here or gets a tenant_id (and RLS).
 */
const REFERENCE_TABLES = ["auth_sessions", "auth_throttle", "tenant_deletions", "tenants", "users"];

type Key = { table: string; name: string; kind: "primary key" | "unique" | "foreign key"; columns: string[]; refTable: string | null; refColumns: string[] | null };

/** Primary keys, unique constraints and indexes (partial ones too) and foreign keys of the public schema, column names in key order. */
async function keysOf(database: TestDatabase): Promise<Key[]> {
  const columnsOf = (rel: string, attnums: string) =>
    `array(select a.attname::text from unnest(${attnums}) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.attnum order by k.ord)::text[]`;
  return executeRows<Key>(
    database.owner.db,
    sql.raw(`
      select c.conrelid::regclass::text as "table", c.conname::text as name,
             case c.contype when 'p' then 'primary key' when 'u' then 'unique' else 'foreign key' end as kind,
             ${columnsOf("c.conrelid", "c.conkey")} as columns,
             case when c.contype = 'f' then c.confrelid::regclass::text end as "refTable",
             case when c.contype = 'f' then ${columnsOf("c.confrelid", "c.confkey")} end as "refColumns"
        from pg_constraint c
       where c.connamespace = 'public'::regnamespace and c.contype in ('p', 'u', 'f')
      union all
      select i.indrelid::regclass::text, i.indexrelid::regclass::text, 'unique',
             ${columnsOf("i.indrelid", "i.indkey::int2[]")}, null, null
        from pg_index i join pg_class t on t.oid = i.indrelid
       where t.relnamespace = 'public'::regnamespace and i.indisunique
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
       order by 1, 2`),
  );
}

describe.each(testDrivers())("Citus readiness of the schema on %s", (driver) => {
  let database: TestDatabase;
  let tenantTables: Set<string>;
  let columnsByTable: Map<string, string[]>;
  let keys: Key[];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const tables = await executeRows<{ name: string; columns: string[] }>(
      database.owner.db,
      sql`select c.relname::text as name, array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped)::text[] as columns
            from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`,
    );
    columnsByTable = new Map(tables.map((t) => [t.name, t.columns]));
    tenantTables = new Set(tables.filter((t) => t.columns.includes("tenant_id") && !CROSS_TENANT_TABLES.includes(t.name)).map((t) => t.name));
    expect(tables.filter((t) => !tenantTables.has(t.name) && !CROSS_TENANT_TABLES.includes(t.name)).map((t) => t.name).sort(), "tables without tenant_id must be listed as reference tables").toEqual(REFERENCE_TABLES);
    keys = await keysOf(database);
  });
  afterAll(() => database?.close());

  it("every tenant table's primary key and unique indexes lead with tenant_id", () => {
    for (const table of tenantTables) {
      const primary = keys.filter((k) => k.table === table && k.kind === "primary key");
      expect(primary, `${table} has a primary key`).toHaveLength(1);
      for (const key of keys.filter((k) => k.table === table && k.kind !== "foreign key")) {
        expect(key.columns[0], `${key.kind} ${key.name} on ${table}`).toBe("tenant_id");
      }
    }
  });

  it("every foreign key between tenant tables pairs tenant_id with tenant_id", () => {
    const between = keys.filter((k) => k.kind === "foreign key" && tenantTables.has(k.table) && tenantTables.has(k.refTable ?? ""));
    expect(between.length).toBeGreaterThan(10);
    for (const fk of between) {
      const at = fk.columns.indexOf("tenant_id");
      expect(at, `${fk.name} includes tenant_id`).toBeGreaterThanOrEqual(0);
      expect(fk.refColumns?.[at], `${fk.name} matches tenant_id to ${fk.refTable}.tenant_id`).toBe("tenant_id");
    }
  });

  it("tenant tables reference reference tables only by their own key, and reference tables never point at tenant tables", () => {
    for (const fk of keys.filter((k) => k.kind === "foreign key")) {
      if (REFERENCE_TABLES.includes(fk.table)) expect(REFERENCE_TABLES, `${fk.name}: a reference table cannot point at a distributed one`).toContain(fk.refTable);
      // tenant_id → tenants(id): the distribution column itself, so each shard's rows find their tenant.
      if (fk.refTable === "tenants" && tenantTables.has(fk.table)) expect(fk.columns, fk.name).toEqual(["tenant_id"]);
    }
  });

  it("every store_id and item_id column references its store and item within the tenant", () => {
    for (const [column, parent] of [["store_id", "stores"], ["item_id", "items"]] as const) {
      const holders = [...tenantTables].filter((t) => t !== parent && columnsByTable.get(t)?.includes(column));
      expect(holders).toContain("forecasts");
      for (const table of holders) {
        const fk = keys.find((k) => k.table === table && k.kind === "foreign key" && k.refTable === parent);
        expect(fk, `${table}.${column} references ${parent}`).toBeDefined();
        expect(fk?.columns).toEqual(["tenant_id", column]);
        expect(fk?.refColumns).toEqual(["tenant_id", "id"]);
      }
    }
  });
});
