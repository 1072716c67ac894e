import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "@/server/db/execute-rows";
import { withTenant } from "@/server/db/tenant-context";
import { listAudit } from "@/server/services/audit/list-audit";
import { recordAudit } from "@/server/services/audit/record-audit";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix milliseconds in a UUIDv7's first 48 bits. */
const millisOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);

describe.each(testDrivers())("audit log ids on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;
  let b: FixtureTenant;
  const written: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    // A's entries interleaved with B's, some several to a transaction (they share one `at`).
    for (let i = 0; i < 4; i++) {
      await withTenant(database, a.id, async (tx) => {
        for (const n of [1, 2, 3]) {
          const action = `a.step${i}.${n}`;
          await recordAudit(tx, { tenantId: a.id, role: "owner" }, { action });
          written.push(action);
        }
      });
      await withTenant(database, b.id, (tx) => recordAudit(tx, { tenantId: b.id, role: "owner" }, { action: `b.step${i}` }));
    }
  });
  afterAll(() => database?.close());

  it("are UUIDv7s whose time is the entry's own", async () => {
    const entries = await withTenant(database, a.id, (tx) => listAudit(tx, { limit: 200 }));
    for (const e of entries) {
      expect(e.id).toMatch(UUID_V7);
      expect(Math.abs(millisOf(e.id) - e.at.getTime())).toBeLessThan(5_000);
    }
  });

  it("order entries as they were written, within a transaction too, and page with `before`", async () => {
    const newestFirst = [...written].reverse();
    const page1 = await withTenant(database, a.id, (tx) => listAudit(tx, { limit: 5 }));
    expect(page1.map((e) => e.action)).toEqual(newestFirst.slice(0, 5));
    const page2 = await withTenant(database, a.id, (tx) => listAudit(tx, { limit: 200, before: page1.at(-1)!.id }));
    // The fixture's own entry was written first of all.
    expect(page2.map((e) => e.action)).toEqual([...newestFirst.slice(5), "fixture.created"]);
  });

  it("increase strictly within a session even when the clock does not move (PGlite's is per millisecond)", async () => {
    const rows = await executeRows<{ id: string }>(database.owner.db, sql`select foresight_uuidv7()::text as id from generate_series(1, 500)`);
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(500);
  });

  it("come from no counter shared between tenants", async () => {
    const [column] = await executeRows<{ type: string; identity: string; defaultValue: string }>(
      database.owner.db,
      sql`select data_type as type, is_identity as identity, column_default as "defaultValue" from information_schema.columns where table_name = 'audit_log' and column_name = 'id'`,
    );
    expect(column).toEqual({ type: "uuid", identity: "NO", defaultValue: "foresight_uuidv7()" });
    const [sequences] = await executeRows<{ n: number }>(database.owner.db, sql`select count(*)::int as n from pg_class where relkind = 'S' and relnamespace = 'public'::regnamespace`);
    expect(sequences?.n).toBe(0);
  });

  it("encode a given time exactly, to the millisecond", async () => {
    const [row] = await executeRows<{ id: string }>(database.owner.db, sql`select foresight_uuidv7('2026-03-04T05:06:07.891Z'::timestamptz)::text as id`);
    expect(row?.id).toMatch(UUID_V7);
    expect(millisOf(row!.id)).toBe(Date.parse("2026-03-04T05:06:07.891Z"));
  });
});
