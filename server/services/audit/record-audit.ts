import "server-only";
import { auditLog } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import type { Actor } from "@/server/services/actor";

/** Appends one audit entry inside the caller's tenant transaction, so it commits with the change. */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  entry: { action: string; targetType?: string; targetId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorUserId: actor.userId ?? null,
    actorApiKeyId: actor.apiKeyId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    ip: actor.ip ?? null,
  });
}
