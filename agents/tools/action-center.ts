import "server-only";
import { tool } from "ai";
import type { AgentContext } from "../context";
import { actionListInput, openActions } from "./action-list";

/** The action center's open actions (reorders, transfers, expedites, investigations), highest value first. */
export const listOpenActions = (ctx: AgentContext) =>
  tool({
    description:
      "List open actions from the action center (reorder, transfer, expedite, investigate) with their value and id. " +
      "Use it before decideAction. Do NOT use it to compute new order quantities (use recommendInventory).",
    inputSchema: actionListInput,
    execute: (input) => openActions(ctx, input),
  });
