import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { decideAction, decideActionSchema } from "@/server/services/actions/decide-action";
import { listActions, listActionsSchema } from "@/server/services/actions/list-actions";
import { listDraftOrderLines } from "@/server/services/actions/purchase-orders";
import { actionDecisionSchema, actionListSchema, purchaseOrderLineSchema } from "./actions.types";

export const actionsRouter = createTRPCRouter({
  list: tenantProcedure("viewer")
    .input(listActionsSchema)
    .output(actionListSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listActions(tx, ctx.tenant.id, input))),
  /** Accept, dismiss or snooze: store and category managers act on their own list, so analysts and above. */
  decide: tenantProcedure("analyst")
    .input(z.object({ id: z.string().max(64) }).and(decideActionSchema))
    .output(actionDecisionSchema)
    .mutation(({ ctx, input }) => {
      const { id, ...decision } = input;
      return ctx.withTenant((tx) => decideAction(tx, ctx.actor, id, decision));
    }),
  draftOrders: tenantProcedure("viewer")
    .output(z.array(purchaseOrderLineSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listDraftOrderLines(tx))),
});
