import "server-only";
import { asc, eq } from "drizzle-orm";
import { stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";

// No tenant filter here on purpose: the transaction's RLS context decides which rows exist.
export function listStores(tx: Tx) {
  return tx.select().from(stores).orderBy(asc(stores.id));
}

export async function getStore(tx: Tx, storeId: string) {
  const [row] = await tx.select().from(stores).where(eq(stores.id, storeId));
  if (!row) throw new AppError("not_found:store", `Store ${storeId} not found.`);
  return row;
}
