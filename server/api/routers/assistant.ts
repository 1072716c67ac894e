import { z } from "zod";
import { activeProvider } from "@/agents/providers";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getConversation, listConversations } from "@/server/services/assistant/conversations";
import { conversationSchema, conversationSummarySchema, providerSchema } from "./assistant.types";

export const assistantRouter = createTRPCRouter({
  /** Which model answers in this deployment, shown on the chat page. */
  provider: tenantProcedure("viewer")
    .output(providerSchema)
    .query(() => activeProvider()),
  /** The signed-in member's conversations in this workspace, newest first. */
  conversations: tenantProcedure("viewer")
    .output(z.array(conversationSummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listConversations(tx, ctx.actor.userId!))),
  conversation: tenantProcedure("viewer")
    .input(z.object({ id: z.uuid() }))
    .output(conversationSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getConversation(tx, ctx.actor.userId!, input.id))),
});
