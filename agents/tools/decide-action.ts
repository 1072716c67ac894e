import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { decideAction as decide } from "@/server/services/actions/decide-action";
import { roleAtLeast } from "@/server/services/actor";
import type { AgentContext } from "../context";
import { actorOf, inTenant, recoverable } from "../context";

/**
 * Accepts or dismisses one action. It changes state, so the SDK asks the user first
 * (`needsApproval`); the route binds the approval to this call's id and input, and the role is
 * checked again here because the conversation history comes from the client.
 */
export const decideAction = (ctx: AgentContext) =>
  tool({
    description:
      "Accept (creates the draft purchase order or transfer) or dismiss one open action by id. Needs the user's approval and the analyst role. " +
      "Do NOT use it to look actions up (use listOpenActions) or without an id the user saw.",
    inputSchema: z.object({
      actionId: z.uuid().describe("Id of the open action, from listOpenActions or suggestTransfers"),
      decision: z.enum(["accept", "dismiss"]).describe("accept or dismiss"),
    }),
    needsApproval: true,
    execute: async ({ actionId, decision }) =>
      recoverable(async () => {
        if (!roleAtLeast(ctx.role, "analyst")) return { error: `Deciding actions needs the analyst role or higher; you are ${ctx.role}.`, code: "forbidden:role" };
        const r = await inTenant(ctx, (tx) => decide(tx, actorOf(ctx), actionId, { decision }));
        return { actionId, decision, status: r.status };
      }),
  });
