import "server-only";
import { z } from "zod";
import { addDaysIso } from "@/models/data";
import { roundOrder } from "@/models/inventory";
import { text } from "@/server/validation/text";
import type { Tx } from "@/server/db/database";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { RISK_HORIZON_DAYS, computeInventoryPlan } from "./inventory-plan";
import { recommendationRow } from "./recommendations";

export const stockProjectionSchema = z.strictObject({
  storeId: text({ min: 1, max: 64, required: "storeId is required" }),
  itemId: text({ min: 1, max: 64, required: "itemId is required" }),
});

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * One item × store over the next 28 days: the daily demand band (P10–P90 of shelf demand), the
 * expected stock on hand at expected demand if the policy is followed, and the reorder point.
 */
export async function getStockProjection(tx: Tx, input: z.input<typeof stockProjectionSchema>) {
  const { storeId, itemId } = stockProjectionSchema.parse(input);
  await Promise.all([getStore(tx, storeId), getItem(tx, itemId)]);
  const plan = await computeInventoryPlan(tx, { storeId, itemId });
  const line = plan?.lines[0];
  if (!plan || !line) return { asOf: plan?.asOf ?? null, recommendation: null, days: [] };
  const r = line.recommendation;
  const L = line.stock.leadTimeDays;
  const R = r.protectionDays - L;
  // Expected demand path with the policy followed: today's recommended order, then an order at
  // every later review (periodic) or whenever the position reaches s (continuous).
  const arrivals = new Float64Array(RISK_HORIZON_DAYS + L + 1);
  const firstArrival = Math.min(line.stock.onOrderArrivesInDays, RISK_HORIZON_DAYS);
  arrivals[firstArrival] = arrivals[firstArrival]! + line.stock.onOrder;
  let onHand = line.stock.onHand;
  let pipeline = line.stock.onOrder;
  const days = [];
  for (let j = 0; j < RISK_HORIZON_DAYS; j++) {
    onHand += arrivals[j]!;
    pipeline -= arrivals[j]!;
    const position = onHand + pipeline;
    const order =
      j === 0
        ? r.orderQuantity
        : r.policy === "periodic_review"
          ? j % R === 0 && position < r.orderUpTo
            ? roundOrder(r.orderUpTo - position, { packSize: line.stock.packSize, minimumOrder: line.stock.minimumOrder })
            : 0
          : position <= r.reorderPoint
            ? r.economicQuantity
            : 0;
    if (order > 0) {
      if (L === 0) onHand += order;
      else {
        arrivals[j + L] = arrivals[j + L]! + order;
        pipeline += order;
      }
    }
    onHand = Math.max(0, onHand - (line.days[j]?.mean ?? 0));
    const band = line.band[j] ?? { p10: 0, p50: 0, p90: 0 };
    days.push({ date: addDaysIso(plan.asOf, j), demandP10: r1(band.p10), demandP50: r1(band.p50), demandP90: r1(band.p90), expectedOnHand: r1(onHand), reorderPoint: r.reorderPoint });
  }
  return { asOf: plan.asOf, recommendation: recommendationRow(line), days };
}
