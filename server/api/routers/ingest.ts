import { z } from "zod";
import { IMPORT_SOURCES } from "@/drizzle/schema";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { importResultSchema } from "@/server/rest/schemas";
import { dataOverview } from "@/server/services/ingest/data-overview";
import { getImport, listImports } from "@/server/services/ingest/list-imports";
import { SOURCES } from "@/server/services/ingest/sources";
import { dataOverviewSchema, importSummarySchema, sourceFieldsSchema } from "./ingest.types";

export const ingestRouter = createTRPCRouter({
  /** The eight sources with their fields, for the Data page's column mapping. */
  sources: tenantProcedure("viewer")
    .output(sourceFieldsSchema)
    .query(() =>
      IMPORT_SOURCES.map((source) => {
        const spec = SOURCES[source];
        const needs: (typeof IMPORT_SOURCES)[number][] = [...(spec.storeField ? (["stores"] as const) : []), ...(spec.itemField ? (["catalog"] as const) : [])];
        return { source, fields: spec.fields.map((f) => ({ name: f.name, type: f.type, required: f.required, aliases: [...(f.aliases ?? [])] })), needs };
      }),
    ),
  overview: tenantProcedure("viewer")
    .output(dataOverviewSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => dataOverview(tx))),
  imports: tenantProcedure("viewer")
    .output(z.array(importSummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listImports(tx))),
  import: tenantProcedure("viewer")
    .input(z.object({ id: z.uuid("id must be a UUID") }))
    .output(importResultSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getImport(tx, input))),
});
