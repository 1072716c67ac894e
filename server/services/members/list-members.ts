import "server-only";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, users } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";

export function listMembers(tx: Tx) {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(users.email));
}

/** Invitations not yet accepted, revoked or expired. */
export function listPendingInvitations(tx: Tx) {
  return tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt));
}
