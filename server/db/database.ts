import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/drizzle/schema";

export type Schema = typeof schema;
/** Either driver's drizzle instance; both speak the same pg-core API. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An open database: the drizzle handle, which driver backs it, and how to release it. */
export type Database = {
  db: Db;
  driver: "postgres" | "pglite";
  /** Loads many rows fast (COPY); used by the seed and CSV import. */
  copyRows: (table: string, columns: readonly string[], csv: string) => Promise<void>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel` (sent with `pg_notify` in any transaction,
   * delivered once it commits): a dedicated connection on PostgreSQL, so every process of the
   * deployment hears it; PGlite's own listener on the embedded database. Resolves to the unlisten.
   */
  listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export { schema };
