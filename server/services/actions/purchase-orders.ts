import "server-only";
import { desc, eq } from "drizzle-orm";
import { items, purchaseOrderLines } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";

/** Draft purchase order lines, newest first, for the action center's export. */
export function listDraftOrderLines(tx: Tx) {
  return tx
    .select({
      id: purchaseOrderLines.id,
      storeId: purchaseOrderLines.storeId,
      itemId: purchaseOrderLines.itemId,
      itemName: items.name,
      quantity: purchaseOrderLines.quantity,
      orderDate: purchaseOrderLines.orderDate,
      unitCost: purchaseOrderLines.unitCost,
      status: purchaseOrderLines.status,
      createdAt: purchaseOrderLines.createdAt,
    })
    .from(purchaseOrderLines)
    .innerJoin(items, eq(items.id, purchaseOrderLines.itemId))
    .orderBy(desc(purchaseOrderLines.createdAt));
}
