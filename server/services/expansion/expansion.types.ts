import "server-only";
import { z } from "zod";

const band = z.object({ p10: z.number(), expected: z.number(), p90: z.number() });

/** `POST /api/v1/expansion/analyse`. */
export const expansionResultSchema = z.object({
  measure: z.enum(["revenue", "units"]),
  basedOn: z.object({ fromWeek: z.string(), toWeek: z.string() }),
  analogs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sizeSqm: z.number().nullable(),
      region: z.string().nullable(),
      format: z.string().nullable(),
      city: z.string().nullable(),
      distance: z.number(),
      weight: z.number(),
      sizeFactor: z.number(),
    }),
  ),
  projection: z.array(band.extend({ category: z.string() })),
  total: band,
  sizeExponent: z.number(),
  weights: z.object({ size: z.number(), region: z.number(), format: z.number(), city: z.number() }),
  caveat: z.string().nullable(),
});
