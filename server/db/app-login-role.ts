import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "./database";
import { executeRows } from "./execute-rows";
import { AUTH_ROLE, QUEUE_ROLE, TENANT_ROLE } from "./tenant-context";

export const appLoginRoleSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "name: lower-case letters, digits and _, starting with a letter or _, at most 63 characters")
    .refine((n) => n !== TENANT_ROLE && n !== AUTH_ROLE && n !== QUEUE_ROLE && !n.startsWith("pg_"), "name: choose a name of your own, not a built-in or group role"),
  password: z.string().min(12, "password: at least 12 characters").max(200).refine((p) => !p.includes("\0"), "password: no NUL characters"),
});
export type AppLoginRoleInput = z.input<typeof appLoginRoleSchema>;

/**
 * Creates (or, when it exists, re-passwords) the login role the app connects as: LOGIN, NOINHERIT,
 * and a member of foresight_app, foresight_auth and foresight_queue. NOINHERIT means it holds no privilege of its
 * own: outside a tenant or identity transaction (which switch role) it cannot read a single row.
 * Runs on the owner's connection, which needs CREATEROLE (or superuser) for it.
 */
export async function createAppLoginRole(owner: Database, input: AppLoginRoleInput): Promise<{ created: boolean }> {
  const { name, password } = appLoginRoleSchema.parse(input);
  const role = sql.identifier(name);
  // Utility statements take no bind parameters: the password goes in as a quoted literal.
  const secret = sql.raw(`'${password.replaceAll("'", "''")}'`);
  const [existing] = await executeRows<{ superuser: boolean; bypass: boolean }>(owner.db, sql`select rolsuper as superuser, rolbypassrls as bypass from pg_roles where rolname = ${name}`);
  if (existing && (existing.superuser || existing.bypass)) throw new Error(`Role ${name} exists and is a superuser or BYPASSRLS; choose another name.`);
  await owner.db.transaction(async (tx) => {
    await tx.execute(existing ? sql`alter role ${role} with login noinherit password ${secret}` : sql`create role ${role} with login noinherit nosuperuser nobypassrls nocreatedb nocreaterole password ${secret}`);
    await tx.execute(sql`grant ${sql.identifier(TENANT_ROLE)}, ${sql.identifier(AUTH_ROLE)}, ${sql.identifier(QUEUE_ROLE)} to ${role}`);
  });
  return { created: !existing };
}

