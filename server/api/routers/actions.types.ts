import { z } from "zod";
import { ACTION_STATUSES, ACTION_TYPES } from "@/drizzle/schema";

/** Output shapes of the action center (tRPC and REST share them). */

export const actionSchema = z.object({
  id: z.uuid(),
  type: z.enum(ACTION_TYPES),
  title: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  itemId: z.string(),
  toStoreId: z.string().nullable().describe("Receiving store of a transfer"),
  quantity: z.number().int(),
  value: z.number().describe("Expected value in the tenant's currency: margin saved less the order or transfer cost"),
  dueDate: z.iso.date(),
  evidence: z.record(z.string(), z.unknown()).describe("Forecast band, stock, lead time, service level and policy levels behind the action"),
  status: z.enum(ACTION_STATUSES),
});

export const actionListSchema = z.object({
  currency: z.string().describe("ISO 4217 code of every value"),
  total: z.number().int().describe("Open actions matching the filters, across all pages"),
  totalValue: z.number().describe("Sum of the matching open actions' values, across all pages"),
  actions: z.array(actionSchema),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});

export const actionDecisionSchema = z.object({
  id: z.uuid(),
  status: z.enum(ACTION_STATUSES),
  purchaseOrderLineId: z.uuid().nullable().describe("The draft order line an accepted reorder wrote"),
});

export const purchaseOrderLineSchema = z.object({
  id: z.uuid(),
  storeId: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  quantity: z.number().int(),
  orderDate: z.iso.date(),
  unitCost: z.number(),
  status: z.literal("draft"),
  createdAt: z.date(),
});
