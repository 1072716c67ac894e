import "server-only";
import { count, eq } from "drizzle-orm";
import { items, modelVersions, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { salesDataRange } from "@/server/services/sales/sales-summary";

export type DataOverview = { stores: number; items: number; sales: { first: string; last: string } | null; productionModel: boolean };

/** What a workspace holds so far, for the Data page's first steps: stores, catalog, sales, a model. */
export async function dataOverview(tx: Tx): Promise<DataOverview> {
  const [s] = await tx.select({ n: count() }).from(stores);
  const [i] = await tx.select({ n: count() }).from(items);
  const [m] = await tx.select({ n: count() }).from(modelVersions).where(eq(modelVersions.status, "production"));
  return { stores: s?.n ?? 0, items: i?.n ?? 0, sales: await salesDataRange(tx), productionModel: (m?.n ?? 0) > 0 };
}
