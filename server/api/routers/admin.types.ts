import { z } from "zod";
import { API_KEY_SCOPES } from "@/drizzle/schema";
import type { AuditEntry } from "@/drizzle/schema";

/** Output shapes of the admin procedures. */

const apiKeyFields = {
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(API_KEY_SCOPES),
  prefix: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
};

export const apiKeySummarySchema = z.object({ ...apiKeyFields, lastUsedAt: z.date().nullable(), revokedAt: z.date().nullable() });

export const createdApiKeySchema = z.object({ ...apiKeyFields, key: z.string().describe("The key itself, shown this once; only its SHA-256 is stored") });

export const auditEntrySchema = z.object({
  tenantId: z.uuid(),
  id: z.uuid().describe("UUIDv7: sorts by time"),
  at: z.date(),
  actorUserId: z.uuid().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
}) satisfies z.ZodType<AuditEntry>;
