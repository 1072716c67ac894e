import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { newPasswordSchema } from "@/server/services/auth/new-password-schema";
import { invitations, memberships, tenants, users } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { enterTenant, withAuthRole } from "@/server/db/tenant-context";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors/app-error";
import { recordAudit } from "@/server/services/audit/record-audit";
import { hashToken } from "./invite-member";

export const acceptInvitationSchema = z.object({
  token: text({ min: 10, max: 200, trim: false }),
  /** Required when no account exists yet for the invited email. */
  name: text({ min: 1, max: 100 }).optional(),
  password: newPasswordSchema.optional(),
});

async function findUsableInvitation(tx: Tx, token: string) {
  const [invitation] = await tx
    .select({
      id: invitations.id,
      tenantId: invitations.tenantId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
    })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt < new Date()) {
    throw new AppError("not_found:invitation", "This invitation link is invalid, used or expired. Ask for a new one.");
  }
  return invitation;
}

/** What the invitation page shows before accepting. */
export async function describeInvitation(database: Database, token: string) {
  return withAuthRole(database, async (tx) => {
    const inv = await findUsableInvitation(tx, token);
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
    return { email: inv.email, role: inv.role, tenantName: inv.tenantName, tenantSlug: inv.tenantSlug, hasAccount: Boolean(account) };
  });
}

/**
 * Accepts an invitation: joins the signed-in user (whose email must match), or creates the
 * account for the invited email. One transaction, so a failure leaves no half-made member.
 */
export async function acceptInvitation(
  database: Database,
  input: z.input<typeof acceptInvitationSchema>,
  caller: { signedInUserId?: string; ip?: string } = {},
) {
  const data = acceptInvitationSchema.parse(input);
  const { signedInUserId } = caller;
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return withAuthRole(database, async (tx) => {
    const inv = await findUsableInvitation(tx, data.token);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
    let userId: string;
    if (signedInUserId) {
      if (existing?.id !== signedInUserId) {
        throw new AppError("forbidden:invitation_email", `This invitation is for ${inv.email}; sign in with that account.`);
      }
      userId = signedInUserId;
    } else if (existing) {
      throw new AppError("unauthorized:sign_in_first", `An account for ${inv.email} exists; sign in to accept.`);
    } else {
      if (!data.name || !passwordHash) throw new AppError("bad_request:account", "Name and a password of at least 8 characters are required.");
      const [created] = await tx.insert(users).values({ email: inv.email, name: data.name, passwordHash }).returning({ id: users.id });
      if (!created) throw new Error("user insert returned no row");
      userId = created.id;
    }
    await enterTenant(tx, inv.tenantId);
    await tx.insert(memberships).values({ tenantId: inv.tenantId, userId, role: inv.role }).onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, { tenantId: inv.tenantId, userId, role: inv.role, ip: caller.ip }, {
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      details: { email: inv.email, role: inv.role, invitationId: inv.id },
    });
    return { userId, tenantSlug: inv.tenantSlug, email: inv.email };
  });
}
