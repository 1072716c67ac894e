import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Tx } from "./database";

type PgliteClient = { query: (text: string, params?: unknown[], options?: { blob: Blob }) => Promise<{ rows: unknown[] }> };
type PostgresClient = { unsafe: (text: string) => { writable: () => Promise<NodeJS.WritableStream> } };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * COPYs CSV rows into `table` inside the open drizzle transaction `tx`, so they commit or roll
 * back with everything else the transaction does (the CSV import stages its rows this way).
 * Neither driver exposes COPY through drizzle: this reaches the transaction's own client
 * (drizzle's `session.client`, PGlite's transaction or postgres.js's reserved connection), which
 * is the only handle that is inside that transaction. PostgreSQL refuses COPY into a table whose
 * row-level security applies to the caller: use it on staging tables (temporary, RLS-free).
 * PGlite's session is a superuser that switched into the tenant role; on PostgreSQL the COPY runs
 * as the tenant role itself.
 */
export async function copyInTransaction(tx: Tx, table: string, columns: readonly string[], csv: string): Promise<void> {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`Not an identifier: ${name}`);
  const client = (tx as unknown as { session: { client: PgliteClient | PostgresClient } }).session.client;
  const list = columns.join(", ");
  if ("unsafe" in client) {
    const writable = await client.unsafe(`COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv)`).writable();
    await pipeline(Readable.from([csv]), writable);
    return;
  }
  // PGlite reads the blob as a server file, which only its superuser may: the session leaves the
  // tenant role for this one fixed statement into the session's own staging table, then returns.
  const { rows } = await client.query("select current_user as role");
  const role = (rows[0] as { role: string }).role;
  await client.query("set local role none");
  try {
    await client.query(`COPY ${table} (${list}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
  } finally {
    await client.query("select set_config('role', $1, true)", [role]);
  }
}

/**
 * PGlite only: runs `fn` with foreign-key triggers off for the rest of the statement batch, after
 * the caller has checked every reference set-based in this same transaction. PGlite has one
 * session, so nothing can delete a referenced row in between; skipping the per-row trigger made
 * a 200,000-row import's upsert about twice as fast. On PostgreSQL (other sessions, a role that
 * may not change this setting) it simply runs `fn`, with the triggers.
 */
export async function withCheckedReferences<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const client = (tx as unknown as { session: { client: PgliteClient | PostgresClient } }).session.client;
  if ("unsafe" in client) return fn();
  const { rows } = await client.query("select current_user as role");
  const role = (rows[0] as { role: string }).role;
  await client.query("set local role none");
  await client.query("set local session_replication_role = replica");
  await client.query("select set_config('role', $1, true)", [role]);
  try {
    return await fn();
  } finally {
    await client.query("set local role none");
    await client.query("set local session_replication_role = origin");
    await client.query("select set_config('role', $1, true)", [role]);
  }
}
