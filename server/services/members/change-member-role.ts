import "server-only";
import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { ROLES, memberships } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

export const changeMemberRoleSchema = z.object({
  userId: z.uuid("userId must be a UUID"),
  role: z.enum(ROLES),
});

async function findMembership(tx: Tx, userId: string) {
  const [row] = await tx.select().from(memberships).where(eq(memberships.userId, userId));
  if (!row) throw new AppError("not_found:member", "No such member in this workspace.");
  return row;
}

/** Admins manage roles up to admin; only owners grant or take away ownership. */
function assertMayManage(actor: Actor, currentRole: Role, newRole?: Role) {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins and owners manage members.");
  if ((currentRole === "owner" || newRole === "owner") && actor.role !== "owner") {
    throw new AppError("forbidden:owner", "Only an owner can grant or remove the owner role.");
  }
}

async function assertNotLastOwner(tx: Tx, currentRole: Role) {
  if (currentRole !== "owner") return;
  const [owners] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.role, "owner"));
  if ((owners?.n ?? 0) <= 1) throw new AppError("conflict:last_owner", "A workspace must keep at least one owner.");
}

export async function changeMemberRole(tx: Tx, actor: Actor, input: z.input<typeof changeMemberRoleSchema>) {
  const { userId, role } = changeMemberRoleSchema.parse(input);
  const member = await findMembership(tx, userId);
  assertMayManage(actor, member.role, role);
  if (member.role === role) return { userId, role };
  if (role !== "owner") await assertNotLastOwner(tx, member.role);
  await tx.update(memberships).set({ role }).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, actor.tenantId)));
  await recordAudit(tx, actor, { action: "member.role_changed", targetType: "user", targetId: userId, details: { from: member.role, to: role } });
  return { userId, role };
}

export const removeMemberSchema = z.object({ userId: z.uuid("userId must be a UUID") });

export async function removeMember(tx: Tx, actor: Actor, input: z.input<typeof removeMemberSchema>) {
  const { userId } = removeMemberSchema.parse(input);
  const member = await findMembership(tx, userId);
  assertMayManage(actor, member.role);
  await assertNotLastOwner(tx, member.role);
  await tx.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, actor.tenantId)));
  await recordAudit(tx, actor, { action: "member.removed", targetType: "user", targetId: userId, details: { role: member.role } });
  return { userId };
}
