import { z } from "zod";
import { IMPORT_SOURCES } from "@/drizzle/schema";
import { importResultSchema } from "@/server/rest/schemas";
import type { DataOverview } from "@/server/services/ingest/data-overview";
import type { ImportSummary } from "@/server/services/ingest/list-imports";

export const importSummarySchema = importResultSchema
  .omit({ rejections: true })
  .extend({ fileName: z.string().nullable(), startedAt: z.date(), createdBy: z.string().nullable(), apiKeyId: z.string().nullable() }) satisfies z.ZodType<ImportSummary>;

export const sourceFieldsSchema = z.array(
  z.object({
    source: z.enum(IMPORT_SOURCES),
    fields: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), aliases: z.array(z.string()) })),
    needs: z.array(z.enum(IMPORT_SOURCES)).describe("Sources whose rows this one refers to, imported first"),
  }),
);

export const dataOverviewSchema = z.object({
  stores: z.number().int(),
  items: z.number().int(),
  sales: z.object({ first: z.string(), last: z.string() }).nullable(),
  productionModel: z.boolean(),
}) satisfies z.ZodType<DataOverview>;
