import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { alertRulesSchema, getAlertRules, updateAlertRules } from "@/server/services/alerts/alert-rules";
import { decideAlert, decideAlertSchema, listAlerts, listAlertsSchema } from "@/server/services/alerts/list-alerts";
import { alertListSchema, alertRulesOutputSchema, alertSchema } from "./alerts.types";

export const alertsRouter = createTRPCRouter({
  list: tenantProcedure("viewer")
    .input(listAlertsSchema)
    .output(alertListSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listAlerts(tx, input))),
  /** Acknowledge, mute or reopen: the people acting on the action center, so analysts and above. */
  decide: tenantProcedure("analyst")
    .input(z.object({ id: z.string().max(64) }).and(decideAlertSchema))
    .output(alertSchema)
    .mutation(({ ctx, input: { id, ...decision } }) => ctx.withTenant((tx) => decideAlert(tx, ctx.actor, id, decision))),
  rules: tenantProcedure("viewer")
    .output(alertRulesOutputSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => getAlertRules(tx))),
  updateRules: tenantProcedure("admin")
    .input(alertRulesSchema)
    .output(alertRulesOutputSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updateAlertRules(tx, ctx.actor, input))),
});
