import "server-only";
import { z } from "zod";
import { addDaysIso } from "@/models/data";
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
 * expected stock on hand if the recommendation is followed (open orders arriving after the lead
 * time, the recommended order one lead time after its date), and the reorder point to compare.
 */
export async function getStockProjection(tx: Tx, input: z.input<typeof stockProjectionSchema>) {
  const { storeId, itemId } = stockProjectionSchema.parse(input);
  await Promise.all([getStore(tx, storeId), getItem(tx, itemId)]);
  const plan = await computeInventoryPlan(tx, { storeId, itemId });
  const line = plan?.lines[0];
  if (!plan || !line) return { asOf: plan?.asOf ?? null, recommendation: null, days: [] };
  const r = line.recommendation;
  const L = line.stock.leadTimeDays;
  let expected = line.stock.onHand;
  const days = [];
  for (let j = 0; j < RISK_HORIZON_DAYS; j++) {
    if (j === L) expected += line.stock.onOrder;
    if (r.orderDay !== null && j === r.orderDay + L) expected += r.orderQuantity;
    expected = Math.max(0, expected - (line.days[j]?.mean ?? 0));
    const band = line.band[j] ?? { p10: 0, p50: 0, p90: 0 };
    days.push({ date: addDaysIso(plan.asOf, j), demandP10: r1(band.p10), demandP50: r1(band.p50), demandP90: r1(band.p90), expectedOnHand: r1(expected), reorderPoint: r.reorderPoint });
  }
  return { asOf: plan.asOf, recommendation: recommendationRow(line), days };
}
