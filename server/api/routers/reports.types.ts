import { z } from "zod";
import { REPORT_KINDS } from "@/drizzle/schema";

/** A generated report as the Reports page lists it (the file itself is downloaded by id). */
export const reportSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  params: z.record(z.string(), z.unknown()),
  modelVersionId: z.uuid().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdByApiKeyId: z.uuid().nullable(),
  createdAt: z.date(),
  pages: z.number().int(),
  sizeBytes: z.number().int(),
  renderMs: z.number(),
});
