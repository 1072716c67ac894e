import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ROLES, memberships, tenants, users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { enterTenant, withAuthRole } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { DEFAULT_BRANDING, slugify } from "@/server/services/auth/sign-up";
import { emailSchema } from "@/server/services/auth/email-schema";
import { assertWithinLimit, countSeats } from "@/server/services/billing/quota";
import { planIdSchema } from "@/server/services/billing/plans";
import { inviteMember } from "@/server/services/members/invite-member";
import { text } from "@/server/validation/text";

/** What an operator acting from the shell is inside a tenant: its owner, with no signed-in user. */
const operator = (tenantId: string): Actor => ({ tenantId, role: "owner" });

export const createTenantSchema = z.object({
  name: text({ min: 2, max: 80, required: "Tenant name must be at least 2 characters" }),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "Slug must be 2–40 lower-case letters, digits or -").optional(),
  plan: planIdSchema.default("free"),
  ownerEmail: emailSchema,
});

export const addMemberSchema = z.object({ email: emailSchema, role: z.enum(ROLES) });

/** A user who already has an account joins at once; anyone else gets an invitation link (7 days). */
export type MemberAdded = { email: string; role: Role } & ({ joined: true } | { joined: false; invitationToken: string; expiresAt: Date });

/** Runs in an identity transaction (to find the account), then switches into the tenant. */
async function addOrInvite(tx: Tx, tenantId: string, email: string, role: Role): Promise<MemberAdded> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  await enterTenant(tx, tenantId);
  if (!existing) {
    const invitation = await inviteMember(tx, operator(tenantId), { email, role });
    return { email, role, joined: false, invitationToken: invitation.token, expiresAt: invitation.expiresAt };
  }
  await assertWithinLimit(tx, tenantId, "seats", { current: await countSeats(tx), adding: 1 });
  const inserted = await tx.insert(memberships).values({ tenantId, userId: existing.id, role }).onConflictDoNothing().returning({ userId: memberships.userId });
  if (!inserted.length) throw new AppError("conflict:member", `${email} is already a member of this workspace.`);
  await recordAudit(tx, operator(tenantId), { action: "member.added", targetType: "user", targetId: existing.id, details: { email, role, source: "cli" } });
  return { email, role, joined: true };
}

/**
 * Creates a tenant on a plan with its owner, from the shell: the tenant row as the identity role,
 * the owner's membership (or invitation) and the audit entry in the new tenant's context, one transaction.
 */
export async function createTenant(database: Database, input: z.input<typeof createTenantSchema>) {
  const data = createTenantSchema.parse(input);
  return withAuthRole(database, async (tx) => {
    const slug = data.slug ?? slugify(data.name);
    const [taken] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
    if (taken) throw new AppError("conflict:slug", `A tenant with slug "${slug}" exists already; choose another with --slug.`);
    const [tenant] = await tx
      .insert(tenants)
      .values({ slug, name: data.name, plan: data.plan, branding: { displayName: data.name, ...DEFAULT_BRANDING } })
      .returning({ id: tenants.id });
    if (!tenant) throw new Error("tenant insert returned no row");
    const owner = await addOrInvite(tx, tenant.id, data.ownerEmail, "owner");
    await recordAudit(tx, operator(tenant.id), { action: "tenant.created", targetType: "tenant", targetId: tenant.id, details: { slug, plan: data.plan, owner: data.ownerEmail, source: "cli" } });
    return { id: tenant.id, slug, name: data.name, plan: data.plan, owner };
  });
}

/** Adds a member to a tenant from the shell (within the plan's seats). */
export async function addMember(database: Database, tenantId: string, input: z.input<typeof addMemberSchema>): Promise<MemberAdded> {
  const { email, role } = addMemberSchema.parse(input);
  return withAuthRole(database, (tx) => addOrInvite(tx, tenantId, email, role));
}
