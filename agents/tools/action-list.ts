import "server-only";
import { z } from "zod";
import { ACTION_TYPES } from "@/drizzle/schema";
import { listActions } from "@/server/services/actions/list-actions";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { round } from "./round";

export const actionListInput = z.object({
  type: z.enum(ACTION_TYPES).optional().describe("Only actions of this type"),
  storeId: z.string().max(64).optional().describe("Only actions at this store id"),
  itemId: z.string().max(64).optional().describe("Only actions for this item id"),
  limit: z.number().int().min(1).max(50).default(10).describe("Actions to return, highest value first"),
});

/** The open action center rows both action tools show, filtered to what the question named. */
export function openActions(ctx: AgentContext, input: z.output<typeof actionListInput>) {
  return recoverable(async () => {
    const r = await inTenant(ctx, (tx) => listActions(tx, ctx.tenantId, { type: input.type, limit: 500 }));
    const rows = r.actions.filter((a) => (!input.storeId || a.storeId === input.storeId || a.toStoreId === input.storeId) && (!input.itemId || a.itemId === input.itemId));
    return {
      currency: r.currency,
      total: rows.length,
      totalValue: round(rows.reduce((s, a) => s + a.value, 0)),
      actions: rows.slice(0, input.limit).map((a) => ({ id: a.id, type: a.type, title: a.title, storeId: a.storeId, storeName: a.storeName, toStoreId: a.toStoreId, itemId: a.itemId, quantity: a.quantity, value: round(a.value), dueDate: a.dueDate })),
    };
  });
}
