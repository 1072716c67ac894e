import { z } from "zod";
import { createTRPCRouter, protectedProcedure, tenantProcedure } from "@/server/api/trpc";
import { listUserTenants } from "@/server/services/auth/user-tenants";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { deleteTenant, deleteTenantSchema } from "@/server/services/tenant/delete-tenant";
import { updateSettings, updateSettingsSchema } from "@/server/services/tenant/update-settings";
import { updateBranding, updateBrandingSchema } from "@/server/services/tenant/update-branding";
import { currentTenantSchema, userTenantSchema } from "./tenant.types";

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
});
