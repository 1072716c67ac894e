import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { evaluateScenario, scenarioHorizon } from "@/server/services/scenarios/evaluate-scenario";
import { createScenarioActions } from "@/server/services/scenarios/scenario-actions";
import { scenarioDefinitionSchema } from "@/server/services/scenarios/scenario-definition";
import { compareScenarios, createScenario, deleteScenario, getScenario, listScenarios, reevaluateScenario } from "@/server/services/scenarios/saved-scenarios";
import { savedScenarioSchema, scenarioActionsSchema, scenarioHorizonSchema, scenarioResultSchema } from "./scenarios.types";

const byId = z.object({ id: z.string().max(64) });

/** What-if scenarios: viewers read saved ones; analysts and above run, save, re-evaluate, delete them and turn them into actions. */
export const scenariosRouter = createTRPCRouter({
  horizon: tenantProcedure("viewer")
    .output(scenarioHorizonSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => scenarioHorizon(tx))),
  evaluate: tenantProcedure("analyst")
    .input(scenarioDefinitionSchema)
    .output(scenarioResultSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => evaluateScenario(tx, input))),
  create: tenantProcedure("analyst")
    .input(scenarioDefinitionSchema)
    .output(savedScenarioSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => createScenario(tx, ctx.actor, input))),
  list: tenantProcedure("viewer")
    .output(z.array(savedScenarioSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listScenarios(tx))),
  get: tenantProcedure("viewer")
    .input(byId)
    .output(savedScenarioSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getScenario(tx, input.id))),
  compare: tenantProcedure("viewer")
    .input(z.object({ ids: z.array(z.string().max(64)).min(2, "compare at least 2 scenarios").max(4, "compare at most 4 scenarios") }))
    .output(z.array(savedScenarioSchema))
    .query(({ ctx, input }) => ctx.withTenant((tx) => compareScenarios(tx, input.ids))),
  reevaluate: tenantProcedure("analyst")
    .input(byId)
    .output(savedScenarioSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => reevaluateScenario(tx, ctx.actor, input.id))),
  delete: tenantProcedure("analyst")
    .input(byId)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => deleteScenario(tx, ctx.actor, input.id))),
  toActions: tenantProcedure("analyst")
    .input(byId)
    .output(scenarioActionsSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => createScenarioActions(tx, ctx.actor, input.id))),
});
