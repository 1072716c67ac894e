import "server-only";
import { tool } from "ai";
import type { AgentContext } from "../context";
import { actionListInput, openActions } from "./action-list";

/** Stock transfers between stores proposed by the action center. */
export const suggestTransfers = (ctx: AgentContext) =>
  tool({
    description:
      "Proposed stock transfers between stores (from a store with surplus to one about to run out), with quantities and value. " +
      "Do NOT use it for purchase orders from suppliers (use recommendInventory).",
    inputSchema: actionListInput.omit({ type: true }),
    execute: (input) => openActions(ctx, { ...input, type: "transfer" }),
  });
