/**
 * Tables that carry a tenant_id but are deliberately NOT tenant tables: the job queue, which
 * workers claim across tenants (no RLS; only the queue role may touch it, and each job's handler
 * does its tenant work through withTenant). Under Citus it would stay a local table.
 */
export const CROSS_TENANT_TABLES = ["jobs"];
