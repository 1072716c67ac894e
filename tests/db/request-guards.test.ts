import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { items } from "@/drizzle/schema";
import { REQUEST_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import { appErrorFromDatabase } from "@/server/errors/database-error";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe.each(testDrivers())("database guards of tenant transactions on %s", (driver) => {
  const fixture = fixtureDatabase(driver);

  it("sets a statement_timeout for the transaction only", async () => {
    const inside = await withTenant(fixture.database, fixture.a.id, async (tx) => (await tx.execute(sql`select current_setting('statement_timeout') as t`)) as unknown);
    expect(JSON.stringify(inside)).toContain(`"${REQUEST_STATEMENT_TIMEOUT_MS / 1000}s"`);
    const background = await withTenant(fixture.database, fixture.a.id, async (tx) => (await tx.execute(sql`select current_setting('statement_timeout') as t`)) as unknown, {
      statementTimeoutMs: 120_000,
    });
    expect(JSON.stringify(background)).toContain('"2min"');
  });

  it.runIf(driver === "postgres")("PostgreSQL cancels a statement over the timeout, answered as a 503", async () => {
    const error = await rejection(withTenant(fixture.database, fixture.a.id, (tx) => tx.execute(sql`select pg_sleep(2)`), { statementTimeoutMs: 100 }));
    expect(appErrorFromDatabase(error)).toMatchObject({ status: 503, code: "unavailable:statement_timeout" });
  });

  it.runIf(driver === "pglite")("PGlite accepts the setting but does not enforce it (no timer signals in WASM)", async () => {
    const started = performance.now();
    await withTenant(fixture.database, fixture.a.id, (tx) => tx.execute(sql`select pg_sleep(0.3)`), { statementTimeoutMs: 50 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("maps a NUL byte that reaches the database to a 400, and stores nothing", async () => {
    const error = await rejection(withTenant(fixture.database, fixture.a.id, (tx) => tx.update(items).set({ brand: "x\u0000y" }).where(eq(items.id, "a-I1"))));
    expect(appErrorFromDatabase(error)).toMatchObject({ status: 400, code: "bad_request:text" });
    const brands = await withTenant(fixture.database, fixture.a.id, (tx) => tx.select({ brand: items.brand }).from(items));
    expect(brands.every((b) => !b.brand?.includes("\u0000"))).toBe(true);
    expect(appErrorFromDatabase(new Error("connection refused"))).toBeNull();
  });
});
