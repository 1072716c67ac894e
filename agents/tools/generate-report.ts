import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { generateReport as generate } from "@/server/services/reports/generate-report";
import type { AgentContext } from "../context";
import { actorOf, recoverable } from "../context";

/** Renders a branded PDF (forecast of one item at one store, or an executive summary) and returns its download link. */
export const generateReport = (ctx: AgentContext) =>
  tool({
    description:
      "Generate a PDF report and return its download link: kind 'forecast' (one item at one store, with its explanation) or 'executive' (a period's summary). Needs the analyst role. " +
      "Do NOT use it to answer a question in the chat itself.",
    inputSchema: z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("forecast").describe("Forecast report"),
        storeId: z.string().max(64).describe("Store id"),
        itemId: z.string().max(64).describe("Item id"),
        days: z.number().int().min(1).max(28).default(7).describe("Forecast days covered"),
      }),
      z.object({
        kind: z.literal("executive").describe("Executive summary"),
        from: z.iso.date().describe("First day, YYYY-MM-DD"),
        to: z.iso.date().describe("Last day, YYYY-MM-DD"),
      }),
    ]),
    execute: async (input) =>
      recoverable(async () => {
        const r = await generate(
          ctx.database,
          actorOf(ctx),
          input.kind === "forecast" ? { kind: "forecast", params: { store: input.storeId, item: input.itemId, days: input.days } } : { kind: "executive", params: { from: input.from, to: input.to } },
        );
        return { reportId: r.id, kind: r.kind, filename: r.filename, pages: r.pages, url: `/api/reports/${ctx.tenantSlug}/files/${r.id}` };
      }),
  });
