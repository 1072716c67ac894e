import "server-only";
import { and, desc, eq, gte, like, lt } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { apiKeys, auditLog, users } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";

export const auditFiltersSchema = z.object({
  /** An action (`member.role_changed`) or a family of them (`member.`, `billing.`). */
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, "action: lower-case letters, _ and . only").optional(),
  actorUserId: z.uuid("actorUserId must be a user id").optional(),
  from: z.date().optional(),
  /** Exclusive. */
  to: z.date().optional(),
});

export const listAuditSchema = auditFiltersSchema.extend({
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last entry of the previous page (ids are UUIDv7, so they sort by time). */
  before: z.uuid("before must be an audit entry id").optional(),
});

function conditions(filters: z.output<typeof auditFiltersSchema>, before?: string): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    eq(auditLog.tenantId, currentTenantId),
    filters.action ? (filters.action.endsWith(".") ? like(auditLog.action, `${filters.action}%`) : eq(auditLog.action, filters.action)) : undefined,
    filters.actorUserId ? eq(auditLog.actorUserId, filters.actorUserId) : undefined,
    filters.from ? gte(auditLog.at, filters.from) : undefined,
    filters.to ? lt(auditLog.at, filters.to) : undefined,
    before ? lt(auditLog.id, before) : undefined,
  ];
  return and(...parts);
}

export function listAudit(tx: Tx, input: z.input<typeof listAuditSchema>) {
  const { limit, before, ...filters } = listAuditSchema.parse(input);
  return tx.select().from(auditLog).where(conditions(filters, before)).orderBy(desc(auditLog.id)).limit(limit);
}

/** Most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * The filtered audit log as CSV — who (member's e-mail or the API key's name), what, when, from
 * where — newest first. Former members no longer visible are named by their id.
 */
export async function auditCsv(tx: Tx, input: z.input<typeof auditFiltersSchema>): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const filters = auditFiltersSchema.parse(input);
  const rows = await tx
    .select({
      at: auditLog.at,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorEmail: users.email,
      actorApiKeyId: auditLog.actorApiKeyId,
      apiKeyName: apiKeys.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiKeys, and(eq(apiKeys.tenantId, auditLog.tenantId), eq(apiKeys.id, auditLog.actorApiKeyId)))
    .where(conditions(filters))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_CSV_MAX_ROWS + 1);
  const shown = rows.slice(0, AUDIT_CSV_MAX_ROWS);
  const csv = Papa.unparse(
    shown.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      actor: r.actorUserId ? (r.actorEmail ?? `user ${r.actorUserId}`) : r.actorApiKeyId ? `API key ${r.apiKeyName ?? r.actorApiKeyId}` : "system",
      target: [r.targetType, r.targetId].filter(Boolean).join(" "),
      ip: r.ip ?? "",
      details: JSON.stringify(r.details),
    })),
    { columns: ["at", "action", "actor", "target", "ip", "details"], escapeFormulae: true },
  );
  return { csv, rows: shown.length, truncated: rows.length > AUDIT_CSV_MAX_ROWS };
}
