import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/database";
import { createFixtureTenant } from "./fixtures";
import type { FixtureTenant } from "./fixtures";
import { createTestDatabase } from "./test-database";
import type { Driver } from "./test-database";

/**
 * For the describe block it is called in: a fresh database on `driver` with fixture tenant "a",
 * closed after the block. Read `database` and `a` inside tests (they are set in beforeAll).
 */
export function fixtureDatabase(driver: Driver): { database: Database; a: FixtureTenant } {
  const state = {} as { database: Database; a: FixtureTenant };
  beforeAll(async () => {
    state.database = await createTestDatabase(driver);
    state.a = await createFixtureTenant(state.database, "a");
  });
  afterAll(() => state.database.close());
  return state;
}
