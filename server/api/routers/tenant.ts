import { z } from "zod";
import { createTRPCRouter, protectedProcedure, tenantProcedure } from "@/server/api/trpc";
import { listUserTenants } from "@/server/services/auth/user-tenants";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { deleteTenant, deleteTenantSchema } from "@/server/services/tenant/delete-tenant";
import { updateSettings, updateSettingsSchema } from "@/server/services/tenant/update-settings";
import { updateBranding, updateBrandingSchema } from "@/server/services/tenant/update-branding";
import { env } from "@/server/env";
import { getCustomDomain, removeCustomDomain, setCustomDomain, setCustomDomainSchema, verifyCustomDomain } from "@/server/services/branding/custom-domain";
import { currentTenantSchema, customDomainSchema, userTenantSchema } from "./tenant.types";

export const tenantRouter = createTRPCRouter({
  /** Tenants the signed-in user belongs to (the switcher lists these). */
  mine: protectedProcedure.output(z.array(userTenantSchema)).query(({ ctx }) => listUserTenants(ctx.database, ctx.user.id)),
  current: tenantProcedure("viewer")
    .output(currentTenantSchema)
    .query(async ({ ctx }) => ({
      ...(await ctx.withTenant((tx) => getTenant(tx, ctx.tenant.id))),
      role: ctx.tenant.role,
    })),
  /** Deletes the workspace and all its data: owner, recent sign-in, slug and password typed again. */
  delete: tenantProcedure("owner", { whileReadOnly: true, recentSignIn: true })
    .input(deleteTenantSchema)
    .output(z.object({ slug: z.string() }))
    .mutation(({ ctx, input }) => deleteTenant(ctx.database, ctx.actor, input)),
  updateSettings: tenantProcedure("admin")
    .input(updateSettingsSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updateSettings(tx, ctx.actor, input))),
  updateBranding: tenantProcedure("admin")
    .input(updateBrandingSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updateBranding(tx, ctx.actor, input))),
  /** The custom domain, its status and the TXT record that verifies it. */
  domain: tenantProcedure("admin")
    .output(customDomainSchema.nullable())
    .query(({ ctx }) => ctx.withTenant((tx) => getCustomDomain(tx))),
  setDomain: tenantProcedure("admin")
    .input(setCustomDomainSchema)
    .output(customDomainSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => setCustomDomain(tx, ctx.actor, input))),
  removeDomain: tenantProcedure("admin")
    .output(z.object({ hostname: z.string().nullable() }))
    .mutation(({ ctx }) => ctx.withTenant((tx) => removeCustomDomain(tx, ctx.actor))),
  verifyDomain: tenantProcedure("admin")
    .output(customDomainSchema)
    .mutation(({ ctx }) => ctx.withTenant((tx) => verifyCustomDomain(tx, ctx.actor, { skipDns: env.CUSTOM_DOMAINS_SKIP_DNS }))),
});
