import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { roleAtLeast } from "@/server/services/actor";
import { createScenario } from "@/server/services/scenarios/saved-scenarios";
import type { AgentContext } from "../context";
import { actorOf, inTenant, recoverable } from "../context";
import { whatIfDefinition, whatIfInputSchema, whatIfSummary } from "./what-if-scenario";

/**
 * Saves a what-if under a name so it can be compared and turned into actions. It changes state,
 * so the SDK asks the user first (`needsApproval`), and the role is checked again here.
 */
export const saveScenario = (ctx: AgentContext) =>
  tool({
    description:
      "Save a what-if scenario under a name (evaluated against the production model, then listed on the Scenarios page for comparison and actions). Needs the user's approval and the analyst role. " +
      "Do NOT use it to just see the effect of a change (use whatIfScenario).",
    inputSchema: z.object({ name: z.string().trim().min(1).max(120).describe("Name of the scenario, unique in the workspace"), scenario: whatIfInputSchema.describe("The what-if, as for whatIfScenario") }),
    needsApproval: true,
    execute: async ({ name, scenario }) =>
      recoverable(async () => {
        if (!roleAtLeast(ctx.role, "analyst")) return { error: `Saving scenarios needs the analyst role or higher; you are ${ctx.role}.`, code: "forbidden:role" };
        return inTenant(ctx, async (tx) => {
          const definition = await whatIfDefinition(tx, scenario, name);
          const saved = await createScenario(tx, actorOf(ctx), definition);
          return { id: saved.id, name: saved.name, url: `/t/${ctx.tenantSlug}/scenarios`, ...whatIfSummary(definition, saved.result) };
        });
      }),
  });
