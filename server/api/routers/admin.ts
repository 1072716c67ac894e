import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey, revokeApiKeySchema } from "@/server/services/api-keys/api-keys";
import { listAudit, listAuditSchema } from "@/server/services/audit/list-audit";
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
});
