import { asc, eq } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";

/**
 * The tenant a `--tenant SLUG` option names. Looked up as the identity role, which may read the
 * tenants table before a tenant context exists (the owner connection is itself subject to the
 * forced RLS on `tenants` unless it is a superuser).
 */
export async function resolveTenant(database: Database, slug: string): Promise<{ id: string; slug: string; name: string }> {
  return withAuthRole(database, async (tx) => {
    const [tenant] = await tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.slug, slug));
    if (tenant) return tenant;
    const known = await tx.select({ slug: tenants.slug }).from(tenants).orderBy(asc(tenants.slug));
    const hint = known.length ? `Known tenants: ${known.map((t) => t.slug).join(", ")}.` : "The database has no tenants yet.";
    throw new AppError("not_found:tenant", `No tenant with slug "${slug}". ${hint}`);
  });
}
