import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { loadCatalog } from "../catalog";
import type { AgentContext } from "../context";
import { resolveEntities } from "../planner/resolve";

/** Resolves the names a user typed ("oat milk", "store 3", "the downtown store", misspellings) to ids. */
export const lookupCatalog = (ctx: AgentContext) =>
  tool({
    description:
      "Find the ids of items, stores and categories named in free text, tolerating misspellings; returns options when a name is ambiguous. " +
      "Use it before any tool that needs an id. Do NOT use it to read sales or forecasts.",
    inputSchema: z.object({
      text: z.string().min(1).max(500).describe("The words naming the items, stores or categories, e.g. 'oat milk at the downtown store'"),
    }),
    execute: async ({ text }) => {
      const catalog = await loadCatalog(ctx);
      return { ...resolveEntities(text, catalog), lastSaleDate: catalog.lastSaleDate };
    },
  });
