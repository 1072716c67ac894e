import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { createApiKey, createApiKeySchema, listApiKeys, revokeApiKey, revokeApiKeySchema } from "@/server/services/api-keys/api-keys";
import { listAudit, listAuditSchema } from "@/server/services/audit/list-audit";

export const adminRouter = createTRPCRouter({
  apiKeys: tenantProcedure("admin").query(({ ctx }) => ctx.withTenant((tx) => listApiKeys(tx))),
  createApiKey: tenantProcedure("admin")
    .input(createApiKeySchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => createApiKey(tx, ctx.actor, input))),
  revokeApiKey: tenantProcedure("admin")
    .input(revokeApiKeySchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => revokeApiKey(tx, ctx.actor, input))),
  audit: tenantProcedure("admin")
    .input(listAuditSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listAudit(tx, input))),
});
