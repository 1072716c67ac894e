import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenantDeletions, tenants, users } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { text } from "@/server/validation/text";
import { getTenant } from "./get-tenant";

export const deleteTenantSchema = z.object({
  /** The workspace's slug, typed by the owner as confirmation. */
  confirmSlug: text({ min: 1, max: 100 }),
  /** The owner's password: deletion re-authenticates, whatever the session's age. */
  password: text({ min: 1, max: 200, trim: false }),
});

/**
 * Deletes the tenant and everything it owns. Only an owner, who types the slug and their password
 * again (checked and throttled like a sign-in). The tenant row goes in one transaction with a
 * platform record of the deletion; foreign keys cascade to every tenant table. Accounts stay
 * (people may belong to other tenants); their membership here goes with the tenant.
 */
export async function deleteTenant(database: Database, actor: Actor, input: z.input<typeof deleteTenantSchema>): Promise<{ slug: string }> {
  const { confirmSlug, password } = deleteTenantSchema.parse(input);
  if (actor.role !== "owner" || !actor.userId) throw new AppError("forbidden:owner", "Only an owner can delete the workspace.");
  const [account] = await withAuthRole(database, (tx) => tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId!)));
  if (!account) throw new AppError("unauthorized", "Sign in first.");
  const check = await verifyCredentials(database, { email: account.email, password }, actor.ip);
  if (!check.ok) {
    throw check.reason === "throttled"
      ? new AppError("too_many_requests:reauthenticate", `Too many wrong passwords; try again in ${check.retryAfterSeconds} s.`, { retryAfterSeconds: check.retryAfterSeconds })
      : new AppError("forbidden:reauthenticate", "That password is not right; the workspace was not deleted.");
  }
  return withTenant(database, actor.tenantId, async (tx) => {
    const { slug } = await getTenant(tx, actor.tenantId);
    if (confirmSlug !== slug) throw new AppError("bad_request:confirm_slug", `Type the workspace's slug (${slug}) to confirm; nothing was deleted.`);
    await tx.insert(tenantDeletions).values({ deletedTenantId: actor.tenantId, slug, deletedBy: actor.userId ?? null, ip: actor.ip ?? null });
    const deleted = await tx.delete(tenants).where(eq(tenants.id, actor.tenantId)).returning({ id: tenants.id });
    if (deleted.length !== 1) throw new Error("tenant row was not deleted");
    return { slug };
  });
}
