import "server-only";
import { gt, sql } from "drizzle-orm";
import { z } from "zod";
import { salesWeeklyRollups } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { analyseExpansion, DEFAULT_WEIGHTS } from "@/models/expansion";
import type { ExistingStore } from "@/models/expansion";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { listStores } from "@/server/services/catalog/list-stores";

const name = z.string().trim().min(1).max(100);
const weight = z.number().min(0, "weights: each ≥ 0").max(10, "weights: each at most 10");

export const expansionInputSchema = z.strictObject({
  sizeSqm: z.number().positive("sizeSqm: the candidate's sales area in m², > 0").max(100_000).describe("Sales area of the candidate store in m²"),
  region: name.nullish().describe("Region, as the stores table names regions"),
  format: name.nullish().describe("Format (e.g. Flagship, High street, Mall)"),
  city: name.nullish().describe("City"),
  k: z.number().int().min(1).max(20).default(5).describe("How many analog stores to use"),
  weights: z.strictObject({ size: weight, region: weight, format: weight, city: weight }).optional().describe("How much each attribute counts in the distance; default size 1, region 1, format 1, city 0.5"),
  measure: z.enum(["revenue", "units"]).default("revenue").describe("Project revenue or units"),
});
export type ExpansionInput = z.input<typeof expansionInputSchema>;

/**
 * A candidate store's first-year sales by category from the most similar existing stores' last
 * 52 weeks (weekly rollups), size-scaled and similarity-weighted (models/expansion/analogs.ts).
 */
export async function analyseCandidateStore(tx: Tx, input: ExpansionInput) {
  const q = expansionInputSchema.parse(input);
  const [stores, [latest]] = await Promise.all([listStores(tx), tx.select({ week: sql<string | null>`max(${salesWeeklyRollups.bucket})::text` }).from(salesWeeklyRollups)]);
  if (!latest?.week) throw new AppError("not_found:sales", "There are no sales yet to project a new store from.");
  const from = sql`(${latest.week}::date - 364)`;
  const rows = await tx
    .select({ storeId: salesWeeklyRollups.storeId, category: salesWeeklyRollups.category, revenue: sql<number>`sum(${salesWeeklyRollups.revenue})::float8`, units: sql<number>`sum(${salesWeeklyRollups.units})::float8` })
    .from(salesWeeklyRollups)
    .where(gt(salesWeeklyRollups.bucket, from))
    .groupBy(salesWeeklyRollups.storeId, salesWeeklyRollups.category);
  const sales = new Map<string, Record<string, number>>();
  for (const r of rows) (sales.get(r.storeId) ?? sales.set(r.storeId, {}).get(r.storeId)!)[r.category] = q.measure === "revenue" ? r.revenue : r.units;
  const existing: ExistingStore[] = stores.filter((s) => sales.has(s.id)).map((s) => ({ id: s.id, sizeSqm: s.sizeSqm, region: s.region, format: s.format, city: s.city, sales: sales.get(s.id)! }));
  if (existing.length === 0) throw new AppError("not_found:sales", "No store has sales in the last year to compare with.");
  const result = analyseExpansion({ id: "candidate", sizeSqm: q.sizeSqm, region: q.region ?? null, format: q.format ?? null, city: q.city ?? null }, existing, { k: q.k, weights: q.weights ?? DEFAULT_WEIGHTS });
  const byId = new Map(stores.map((s) => [s.id, s]));
  return {
    measure: q.measure,
    /** First and last week (Monday buckets) of the sales the analogs' year is read from. */
    basedOn: { fromWeek: addDaysIso(latest.week, -357), toWeek: latest.week },
    ...result,
    analogs: result.analogs.map((a) => {
      const s = byId.get(a.id)!;
      return { ...a, name: s.name, sizeSqm: s.sizeSqm, region: s.region, format: s.format, city: s.city };
    }),
  };
}
