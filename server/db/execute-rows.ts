import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./database";

/** Runs raw SQL and returns its rows; postgres.js returns an array, PGlite a `{ rows }` object. */
export async function executeRows<T extends Record<string, unknown>>(runner: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await runner.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
