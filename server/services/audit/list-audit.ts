import "server-only";
import { desc, lt } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";

export const listAuditSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last entry of the previous page (ids are UUIDv7, so they sort by time). */
  before: z.uuid("before must be an audit entry id").optional(),
});

export function listAudit(tx: Tx, input: z.input<typeof listAuditSchema>) {
  const { limit, before } = listAuditSchema.parse(input);
  return tx
    .select()
    .from(auditLog)
    .where(before ? lt(auditLog.id, before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
