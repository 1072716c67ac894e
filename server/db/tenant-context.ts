import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "./database";

export const TENANT_ROLE = "foresight_app";
export const AUTH_ROLE = "foresight_auth";
/** Reads and writes the job queue (`jobs`) and nothing else. */
export const QUEUE_ROLE = "foresight_queue";

const tenantIdSchema = z.uuid();

/**
 * Longest a single statement of a request's tenant transaction may run on PostgreSQL before the
 * server cancels it (SQLSTATE 57014, answered as 503). Background work (training, installing
 * models) passes its own, longer limit. PGlite ignores statement_timeout (it has no timer signals):
 * there the bounded inputs (periods, page sizes, batch and rate limits) are the guard.
 */
export const REQUEST_STATEMENT_TIMEOUT_MS = 10_000;
export const BACKGROUND_STATEMENT_TIMEOUT_MS = 10 * 60_000;

export type TenantOptions = { statementTimeoutMs?: number };

/**
 * Runs `fn` in a transaction as the RLS-bound app role with `app.tenant_id` set for that
 * transaction only. This is the one way tenant data is read or written: RLS, not the caller's
 * WHERE clause, keeps tenants apart.
 */
export async function withTenant<T>(database: Database, tenantId: string, fn: (tx: Tx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  const id = tenantIdSchema.parse(tenantId);
  return database.db.transaction(async (tx) => {
    await enterTenant(tx, id, options);
    return fn(tx);
  });
}

/**
 * The current transaction's tenant, as a sub-select the planner evaluates once per query. Adding
 * `eq(table.tenantId, currentTenantId)` to a big scan changes no result (RLS already limits rows to
 * this tenant) but lets Postgres use the `(tenant_id, …)` indexes and check the RLS policy once
 * instead of calling `current_setting` for every row, which on PGlite made dashboard scans 3–5×
 * slower. It is never a substitute for RLS: with no tenant set it matches nothing, like the policy.
 */
export const currentTenantId: SQL<string> = sql<string>`(select app_current_tenant_id())`;

/**
 * Switches a transaction opened by `withAuthRole` into a tenant's context, for flows that find or
 * create the tenant in that same transaction (sign-up, accepting an invitation).
 */
export async function enterTenant(tx: Tx, tenantId: string, options: TenantOptions = {}): Promise<void> {
  const id = tenantIdSchema.parse(tenantId);
  const timeout = String(options.statementTimeoutMs ?? REQUEST_STATEMENT_TIMEOUT_MS);
  await tx.execute(
    sql`select set_config('role', ${TENANT_ROLE}, true), set_config('app.tenant_id', ${id}, true), set_config('statement_timeout', ${timeout}, true)`,
  );
}

/**
 * Runs `fn` as the identity role: sign-in, API-key resolution, invitations and sign-up, which must
 * look up identities before a tenant is known. That role reads identity tables only.
 */
export async function withAuthRole<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${AUTH_ROLE}, true), set_config('app.tenant_id', '', true)`);
    return fn(tx);
  });
}

/**
 * Runs `fn` as the queue role: enqueueing, claiming and finishing jobs, across tenants. Keep it to
 * a statement or two: on PGlite every transaction waits for the one before it.
 */
export async function withQueueRole<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${QUEUE_ROLE}, true), set_config('app.tenant_id', '', true)`);
    return fn(tx);
  });
}
