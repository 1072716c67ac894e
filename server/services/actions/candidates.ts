import "server-only";
import type { Alert, ActionType } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { planExpedite, planTransfers } from "@/models/inventory";
import type { InventoryPlan, PlanLine } from "@/server/services/inventory/inventory-plan";

/** An action as computed, before it is stored. */
export type ActionCandidate = {
  type: ActionType;
  key: string;
  storeId: string;
  itemId: string;
  toStoreId: string | null;
  quantity: number;
  value: number;
  dueDate: string;
  title: string;
  evidence: Record<string, unknown>;
};

const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The numbers behind a line: forecast band, stock, lead time, the target and the policy's levels. */
function evidenceOf(line: PlanLine) {
  const r = line.recommendation;
  return {
    forecast: { dailyMean: round2(r.dailyDemand), protectionDays: r.protectionDays, protectionMean: round1(r.protectionMean), protectionP10: line.protection.p10, protectionP90: line.protection.p90, overridden: line.overridden },
    stock: { onHand: line.stock.onHand, onOrder: line.stock.onOrder, countedOn: line.stock.countedOn, daysOfCover: r.daysOfCover === null ? null : round1(r.daysOfCover) },
    leadTimeDays: line.stock.leadTimeDays,
    serviceLevel: { measure: line.target.measure, target: line.target.level, unmet: line.target.unmet },
    policy: { kind: r.policy, orderUpTo: r.orderUpTo, reorderPoint: r.reorderPoint, economicQuantity: r.economicQuantity, safetyStock: round1(r.safetyStock) },
    stockoutProbability: round2(r.stockoutProbability),
    unitMargin: round2(line.unitPrice - line.unitCost),
  };
}

/**
 * Reorders due today whose expected margin saved beats the order's cost, open orders worth
 * rushing because the shelf runs out before they arrive, and transfers between stores worth more
 * than they cost. Value: expected lost units avoided times unit margin, less the order (rush,
 * shipment) cost.
 */
export function actionCandidates(plan: InventoryPlan): ActionCandidate[] {
  const out: ActionCandidate[] = [];
  for (const line of plan.lines) {
    const r = line.recommendation;
    if (r.orderQuantity <= 0 || line.orderDate !== plan.asOf) continue;
    const unitsSaved = r.expectedShortWithout - r.expectedShortWith;
    const value = unitsSaved * (line.unitPrice - line.unitCost) - line.stock.orderCost;
    if (value <= 0) continue;
    out.push({
      type: "reorder",
      key: `reorder|${line.storeId}|${line.itemId}`,
      storeId: line.storeId,
      itemId: line.itemId,
      toStoreId: null,
      quantity: r.orderQuantity,
      value: round2(value),
      dueDate: plan.asOf,
      title: `Reorder ${r.orderQuantity} × ${line.itemName} at ${line.storeName}`,
      evidence: { ...evidenceOf(line), expectedUnitsSaved: round1(unitsSaved), orderCost: line.stock.orderCost },
    });
  }
  for (const line of plan.lines) {
    const unitMargin = line.unitPrice - line.unitCost;
    const rush = planExpedite({
      days: line.days,
      correlation: plan.settings.calibration.correlation,
      onHand: line.stock.onHand,
      onOrder: line.stock.onOrder,
      arrivesInDays: line.stock.onOrderArrivesInDays,
      expediteLeadTimeDays: plan.settings.expediteLeadTimeDays,
      costPerUnit: Number(plan.settings.expediteCostPerUnit),
      unitMargin,
    });
    if (!rush) continue;
    out.push({
      type: "expedite",
      key: `expedite|${line.storeId}|${line.itemId}`,
      storeId: line.storeId,
      itemId: line.itemId,
      toStoreId: null,
      quantity: line.stock.onOrder,
      value: round2(rush.value),
      dueDate: plan.asOf,
      title: `Expedite the open order of ${line.stock.onOrder} × ${line.itemName} at ${line.storeName}`,
      evidence: {
        ...evidenceOf(line),
        expedite: {
          projectedStockout: addDaysIso(plan.asOf, rush.stockoutDay),
          arrivesAsPlanned: addDaysIso(plan.asOf, rush.arrivesInDays),
          arrivesExpedited: addDaysIso(plan.asOf, rush.expeditedInDays),
          costPerUnit: Number(plan.settings.expediteCostPerUnit),
        },
        expectedUnitsSaved: round1(rush.unitsSaved),
        marginSaved: round2(rush.marginSaved),
        expediteCost: round2(rush.cost),
      },
    });
  }
  const byItem = new Map<string, PlanLine[]>();
  for (const line of plan.lines) byItem.set(line.itemId, [...(byItem.get(line.itemId) ?? []), line]);
  for (const lines of byItem.values()) {
    if (lines.length < 2) continue;
    const first = lines[0]!;
    const transfers = planTransfers(
      lines.map((l) => ({ storeId: l.storeId, onHand: l.stock.onHand, position: l.recommendation.inventoryPosition, keep: l.recommendation.orderUpTo, leadTime: l.leadTime })),
      { unitMargin: first.unitPrice - first.unitCost, costPerUnit: plan.settings.transferCostPerUnit, fixedCost: plan.settings.transferFixedCost },
    );
    const byStore = new Map(lines.map((l) => [l.storeId, l]));
    for (const t of transfers) {
      const to = byStore.get(t.toStoreId)!;
      const from = byStore.get(t.fromStoreId)!;
      out.push({
        type: "transfer",
        key: `transfer|${t.fromStoreId}|${t.toStoreId}|${first.itemId}`,
        storeId: t.fromStoreId,
        itemId: first.itemId,
        toStoreId: t.toStoreId,
        quantity: t.quantity,
        value: round2(t.value),
        dueDate: plan.asOf,
        title: `Transfer ${t.quantity} × ${first.itemName} from ${from.storeName} to ${to.storeName}`,
        evidence: { ...evidenceOf(to), sender: { storeId: from.storeId, onHand: from.stock.onHand, keeps: from.recommendation.orderUpTo }, expectedUnitsSaved: round1(t.unitsSaved), marginSaved: round2(t.marginSaved), transferCost: round2(t.cost) },
      });
    }
  }
  return out.sort((a, b) => b.value - a.value);
}

/** An open alert as the action center needs it. */
export type OpenAlert = Pick<Alert, "id" | "kind" | "severity" | "date" | "reason" | "value" | "evidence"> & { storeId: string; itemId: string; storeName: string; itemName: string };

const ALERT_TITLE: Record<string, string> = { spike: "sales spike", drop: "sales drop", stock_discrepancy: "stock discrepancy", price_error: "price error" };

/**
 * Open alerts as "investigate" actions. Their value is the alert's money at stake where it could
 * be estimated, else 0, so they rank after every action worth money (ranking is by value).
 */
export function alertCandidates(alerts: readonly OpenAlert[]): ActionCandidate[] {
  return alerts.map((a) => ({
    type: "investigate",
    key: `investigate|alert|${a.id}`,
    storeId: a.storeId,
    itemId: a.itemId,
    toStoreId: null,
    quantity: typeof a.evidence.units === "number" ? Math.round(a.evidence.units) : 0,
    value: round2(a.value ?? 0),
    dueDate: a.date,
    title: `Investigate the ${ALERT_TITLE[a.kind] ?? a.kind} of ${a.itemName} at ${a.storeName} on ${a.date}`,
    evidence: { ...a.evidence, alertId: a.id, kind: a.kind, severity: a.severity, reason: a.reason, valueEstimated: a.value !== null },
  }));
}
