import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { memberships, tenants } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";

export type UserTenant = { id: string; slug: string; name: string; displayName: string; role: Role };

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  branding: tenants.branding,
  role: memberships.role,
};

const toUserTenant = (r: { id: string; slug: string; name: string; branding: { displayName: string }; role: Role }): UserTenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  displayName: r.branding.displayName,
  role: r.role,
});

/** Every tenant the user belongs to, for the tenant switcher and the landing redirect. */
export async function listUserTenants(database: Database, userId: string): Promise<UserTenant[]> {
  const rows = await withAuthRole(database, (tx) =>
    tx
      .select(columns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(tenants.name)),
  );
  return rows.map(toUserTenant);
}

/** The user's membership in the tenant with this slug, or null when they are not a member. */
export async function findMembershipBySlug(database: Database, userId: string, slug: string): Promise<UserTenant | null> {
  const rows = await withAuthRole(database, (tx) =>
    tx
      .select(columns)
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), eq(tenants.slug, slug)))
      .limit(1),
  );
  return rows[0] ? toUserTenant(rows[0]) : null;
}
