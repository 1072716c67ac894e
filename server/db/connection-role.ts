import { sql } from "drizzle-orm";
import type { Database } from "./database";
import { executeRows } from "./execute-rows";
import { AUTH_ROLE, TENANT_ROLE } from "./tenant-context";

/** What the role a connection logs in as may do, read from the catalog. */
export type ConnectionRole = {
  name: string;
  superuser: boolean;
  bypassRls: boolean;
  /** Owns a table or the schema, or is a member of a role that does (so it could become the owner). */
  owner: boolean;
  /** Holds foresight_app's or foresight_auth's privileges without switching into them (INHERIT). */
  inheritsAppRoles: boolean;
  /** May switch into both foresight_app and foresight_auth, as every tenant and identity transaction does. */
  canSwitchToAppRoles: boolean;
};

/** Reads the connecting role's attributes; the catalog is readable by any role, privileged or not. */
export async function inspectConnectionRole(database: Database): Promise<ConnectionRole> {
  const appRoles = sql`select oid from pg_roles where rolname in (${TENANT_ROLE}, ${AUTH_ROLE})`;
  const [role] = await executeRows<ConnectionRole>(
    database.db,
    sql`select r.rolname as "name", r.rolsuper as "superuser", r.rolbypassrls as "bypassRls",
               (exists (select 1 from pg_class c where c.relnamespace = 'public'::regnamespace and pg_has_role(r.oid, c.relowner, 'MEMBER'))
                 or pg_has_role(r.oid, (select nspowner from pg_namespace where nspname = 'public'), 'MEMBER')) as "owner",
               exists (select 1 from (${appRoles}) a where pg_has_role(r.oid, a.oid, 'USAGE')) as "inheritsAppRoles",
               (select count(*) from (${appRoles}) a where pg_has_role(r.oid, a.oid, 'MEMBER')) = 2 as "canSwitchToAppRoles"
          from pg_roles r where r.rolname = current_user`,
  );
  if (!role) throw new Error("current_user is not in pg_roles");
  return role;
}

/** Superuser, BYPASSRLS or owner: RLS does not bind such a role by itself. */
export function isPrivileged(role: ConnectionRole): boolean {
  return role.superuser || role.bypassRls || role.owner;
}

/** Why `role` cannot be the app's login role; empty when it is fit. */
export function appRoleProblems(role: ConnectionRole): string[] {
  const problems: string[] = [];
  if (role.superuser) problems.push("it is a superuser");
  if (role.bypassRls) problems.push("it has BYPASSRLS");
  if (role.owner) problems.push("it owns the schema or its tables (or is a member of their owner)");
  if (!role.superuser && role.inheritsAppRoles) problems.push(`it inherits ${TENANT_ROLE}/${AUTH_ROLE} privileges without switching into them (it must be NOINHERIT)`);
  if (!role.superuser && !role.canSwitchToAppRoles) problems.push(`it is not a member of both ${TENANT_ROLE} and ${AUTH_ROLE}`);
  return problems;
}

/** The app's connection is not a fit login role; the message says why and how to make one. */
export class AppConnectionRoleError extends Error {
  constructor(role: string, problems: string[]) {
    super(
      `DATABASE_URL connects as "${role}", which the app will not serve tenant data as: ${problems.join("; ")}. ` +
        "Point DATABASE_URL at a login role made by `npm run db:create-app-role -- --name <role> --password <password>` " +
        "and keep the schema owner in MIGRATION_DATABASE_URL (or unset MIGRATION_DATABASE_URL for the one-URL mode).",
    );
    this.name = "AppConnectionRoleError";
  }
}

/** Throws unless the connection logs in as a login role fit for the app (see `appRoleProblems`). */
export async function assertAppLoginRole(database: Database): Promise<ConnectionRole> {
  const role = await inspectConnectionRole(database);
  const problems = appRoleProblems(role);
  if (problems.length > 0) throw new AppConnectionRoleError(role.name, problems);
  return role;
}

/** Thrown by what needs the schema owner (migrations, the demo seed) when this process has no owner connection. */
export class NoOwnerConnectionError extends Error {
  constructor(what: string) {
    super(`${what} needs the schema owner, but DATABASE_URL is a login role: set MIGRATION_DATABASE_URL to the owner's URL.`);
    this.name = "NoOwnerConnectionError";
  }
}
