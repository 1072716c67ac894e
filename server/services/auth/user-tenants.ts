import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { memberships, tenants } from "@/drizzle/schema";
import type { BillingStatus, Role } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";

export type UserTenant = {
  id: string;
  slug: string;
  name: string;
  displayName: string;
  role: Role;
  /** Read with the membership so every request knows at once whether the tenant is read-only. */
  billingStatus: BillingStatus;
  graceUntil: Date | null;
};

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  branding: tenants.branding,
  role: memberships.role,
  billingStatus: tenants.billingStatus,
  graceUntil: tenants.graceUntil,
};

type Row = Omit<UserTenant, "displayName"> & { branding: { displayName: string } };

const toUserTenant = (r: Row): UserTenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  displayName: r.branding.displayName,
  role: r.role,
  billingStatus: r.billingStatus,
  graceUntil: r.graceUntil,
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
