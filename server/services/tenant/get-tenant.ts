import "server-only";
import { eq } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";

/** The current tenant's profile and branding (RLS limits the app role to its own row). */
export async function getTenant(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      plan: tenants.plan,
      currency: tenants.currency,
      locale: tenants.locale,
      timezone: tenants.timezone,
      defaultServiceLevel: tenants.defaultServiceLevel,
      branding: tenants.branding,
      isDemo: tenants.isDemo,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) throw new AppError("not_found:tenant", "Workspace not found.");
  return row;
}
export type TenantProfile = Awaited<ReturnType<typeof getTenant>>;
