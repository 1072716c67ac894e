import type { DemandDistribution } from "./demand-distribution";

/** One store's stock of an item as the transfer planner sees it. */
export type TransferStore = {
  storeId: string;
  onHand: number;
  /** On hand plus on order. */
  position: number;
  /** What the store's own policy wants to hold (its order-up-to level): a sender never goes below it. */
  keep: number;
  /** Demand until the store's own next delivery could arrive: what a transfer protects against. */
  leadTime: DemandDistribution;
};

export type TransferCosts = { unitMargin: number; costPerUnit: number; fixedCost: number };

export type Transfer = { fromStoreId: string; toStoreId: string; quantity: number; unitsSaved: number; marginSaved: number; cost: number; value: number };

/**
 * Moves excess stock of one item to the stores short of it when the margin saved beats the
 * transfer's cost. Excess is stock on hand above the sender's own order-up-to level, so a transfer
 * never creates a shortfall at the sender. Receivers are served most-at-risk first from the
 * sender with most excess; each moves up to its own order-up-to level. Margin saved is the unit
 * margin times the expected lost units avoided before the receiver's own delivery.
 */
export function planTransfers(stores: readonly TransferStore[], costs: TransferCosts): Transfer[] {
  const excess = new Map(stores.map((s) => [s.storeId, Math.max(0, Math.floor(Math.min(s.onHand, s.position - s.keep)))]));
  const receivers = stores
    .filter((s) => s.position < s.keep)
    .map((s) => ({ store: s, risk: s.leadTime.expectedShortage(s.position) }))
    .filter((r) => r.risk > 0)
    .sort((a, b) => b.risk - a.risk);
  const transfers: Transfer[] = [];
  for (const { store } of receivers) {
    const sender = [...excess.entries()].filter(([id, units]) => id !== store.storeId && units > 0).sort((a, b) => b[1] - a[1])[0];
    if (!sender) break;
    const [fromStoreId, available] = sender;
    const quantity = Math.min(available, Math.ceil(store.keep - store.position));
    if (quantity <= 0) continue;
    const unitsSaved = store.leadTime.expectedShortage(store.position) - store.leadTime.expectedShortage(store.position + quantity);
    const marginSaved = unitsSaved * costs.unitMargin;
    const cost = quantity * costs.costPerUnit + costs.fixedCost;
    if (marginSaved <= cost) continue;
    excess.set(fromStoreId, available - quantity);
    transfers.push({ fromStoreId, toStoreId: store.storeId, quantity, unitsSaved, marginSaved, cost, value: marginSaved - cost });
  }
  return transfers;
}
