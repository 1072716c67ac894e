import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "@/server/services/auth/email-schema";
import { ROLES, invitations, memberships, users } from "@/drizzle/schema";
import { sha256Hex } from "@/models/util";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { assertWithinLimit, countSeats } from "@/server/services/billing/quota";

export const INVITATION_TTL_DAYS = 7;

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
});

export const hashToken = (token: string) => sha256Hex(token);

/**
 * Creates an invitation and returns its one-time token (only its hash is stored). The invitee
 * accepts at /invite/<token>, creating an account if they have none.
 */
export async function inviteMember(tx: Tx, actor: Actor, input: z.input<typeof inviteMemberSchema>) {
  const { email, role } = inviteMemberSchema.parse(input);
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins and owners invite members.");
  if (role === "owner" && actor.role !== "owner") throw new AppError("forbidden:owner", "Only an owner can invite another owner.");

  const existingMember = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, email));
  if (existingMember.length) throw new AppError("conflict:member", `${email} is already a member of this workspace.`);

  // A new invitation replaces any pending one for the same address.
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())));

  // An open invitation holds a seat, so the plan's limit is checked here rather than on acceptance.
  await assertWithinLimit(tx, actor.tenantId, "seats", { current: await countSeats(tx), adding: 1 });

  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const [row] = await tx
    .insert(invitations)
    .values({ tenantId: actor.tenantId, email, role, tokenHash: hashToken(token), invitedBy: actor.userId ?? null, expiresAt })
    .returning({ id: invitations.id });
  if (!row) throw new Error("invitation insert returned no row");
  await recordAudit(tx, actor, { action: "member.invited", targetType: "invitation", targetId: row.id, details: { email, role } });
  return { id: row.id, email, role, expiresAt, token };
}

export const revokeInvitationSchema = z.object({ invitationId: z.uuid("invitationId must be a UUID") });

export async function revokeInvitation(tx: Tx, actor: Actor, input: z.input<typeof revokeInvitationSchema>) {
  const { invitationId } = revokeInvitationSchema.parse(input);
  const updated = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (!updated.length) throw new AppError("not_found:invitation", "No pending invitation with that id.");
  await recordAudit(tx, actor, { action: "member.invitation_revoked", targetType: "invitation", targetId: invitationId });
  return { id: invitationId };
}
