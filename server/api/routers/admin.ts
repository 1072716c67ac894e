import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey, revokeApiKeySchema } from "@/server/services/api-keys/api-keys";
import { auditCsv, auditFiltersSchema, listAudit, listAuditSchema } from "@/server/services/audit/list-audit";
import { recordAudit } from "@/server/services/audit/record-audit";
import { apiKeySummarySchema, auditEntrySchema, createdApiKeySchema } from "./admin.types";

export const adminRouter = createTRPCRouter({
  apiKeys: tenantProcedure("admin")
    .output(z.array(apiKeySummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listApiKeys(tx))),
  createApiKey: tenantProcedure("admin", { recentSignIn: true })
    .input(createApiKeySchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => createApiKey(tx, ctx.actor, input))),
  revokeApiKey: tenantProcedure("admin")
    .input(revokeApiKeySchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => revokeApiKey(tx, ctx.actor, input))),
  audit: tenantProcedure("admin")
    .input(listAuditSchema)
    .output(z.array(auditEntrySchema))
    .query(({ ctx, input }) => ctx.withTenant((tx) => listAudit(tx, input))),
  /** The filtered log as CSV; the export itself is audited (a mutation, so it is never cached or prefetched). */
  auditCsv: tenantProcedure("admin", { whileReadOnly: true })
    .input(auditFiltersSchema)
    .output(z.object({ csv: z.string(), rows: z.number(), truncated: z.boolean() }))
    .mutation(({ ctx, input }) =>
      ctx.withTenant(async (tx) => {
        const result = await auditCsv(tx, input);
        await recordAudit(tx, ctx.actor, { action: "audit.exported", details: { filters: input, rows: result.rows } });
        return result;
      }),
    ),
});
