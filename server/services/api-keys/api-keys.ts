import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { API_KEY_SCOPES, apiKeys, tenants } from "@/drizzle/schema";
import type { ApiKeyScope, BillingStatus } from "@/drizzle/schema";
import { sha256Hex } from "@/models/util";
import type { Database, Tx } from "@/server/db/database";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { PlanId } from "@/server/services/billing/plans";
import { recordUsage } from "@/server/services/billing/usage";

const KEY_PREFIX = "fs_live_";

export const createApiKeySchema = z.object({
  name: text({ min: 1, max: 80, required: "Name the key after what uses it" }),
  scope: z.enum(API_KEY_SCOPES),
  /** Days until the key stops working; none: it works until revoked. */
  expiresInDays: z.int("expiresInDays must be a whole number of days").min(1).max(730).optional(),
});

const hashKey = (key: string) => sha256Hex(key);

/** Creates a key and returns it in plain text this once; only its SHA-256 is stored. */
export async function createApiKey(tx: Tx, actor: Actor, input: z.input<typeof createApiKeySchema>) {
  const { name, scope, expiresInDays } = createApiKeySchema.parse(input);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const [row] = await tx
    .insert(apiKeys)
    .values({ tenantId: actor.tenantId, name, scope, prefix: key.slice(0, KEY_PREFIX.length + 6), keyHash: hashKey(key), createdBy: actor.userId ?? null, expiresAt })
    .returning({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, expiresAt: apiKeys.expiresAt });
  if (!row) throw new Error("api key insert returned no row");
  await recordAudit(tx, actor, { action: "api_key.created", targetType: "api_key", targetId: row.id, details: { name, scope, expiresAt: expiresAt?.toISOString() ?? null } });
  return { ...row, key };
}

export function listApiKeys(tx: Tx) {
  return tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export const revokeApiKeySchema = z.object({ keyId: z.uuid("keyId must be a UUID") });

export async function revokeApiKey(tx: Tx, actor: Actor, input: z.input<typeof revokeApiKeySchema>) {
  const { keyId } = revokeApiKeySchema.parse(input);
  const updated = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name });
  if (!updated[0]) throw new AppError("not_found:api_key", "No active API key with that id.");
  await recordAudit(tx, actor, { action: "api_key.revoked", targetType: "api_key", targetId: keyId, details: { name: updated[0].name } });
  return updated[0];
}

export type ApiKeyPrincipal = {
  tenantId: string;
  apiKeyId: string;
  scope: ApiKeyScope;
  /** The tenant's plan and subscription state, read with the key: the per-minute limit and read-only mode follow them at once. */
  plan: PlanId;
  billingStatus: BillingStatus;
  graceUntil: Date | null;
};

/**
 * Resolves a presented key to its tenant and scope, or null when unknown, revoked or expired, and meters
 * the request (one `api_requests` unit) in the same short tenant transaction that stamps last use.
 */
export async function authenticateApiKey(database: Database, presented: string): Promise<ApiKeyPrincipal | null> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
  const keyHash = hashKey(presented);
  const [row] = await withAuthRole(database, (tx) =>
    tx
      .select({
        tenantId: apiKeys.tenantId,
        apiKeyId: apiKeys.id,
        scope: apiKeys.scope,
        plan: tenants.plan,
        billingStatus: tenants.billingStatus,
        graceUntil: tenants.graceUntil,
      })
      .from(apiKeys)
      .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))))
      .limit(1),
  );
  if (!row) return null;
  // last_used_at is written in the key's own tenant context (the identity role cannot write keys),
  // at most once a minute so a busy integration does not turn every read into a write.
  await withTenant(database, row.tenantId, async (tx) => {
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, row.apiKeyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
    await recordUsage(tx, row.tenantId, { metric: "api_requests", unitKey: randomUUID() });
  });
  return row;
}
