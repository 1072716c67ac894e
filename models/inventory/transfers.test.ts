import { describe, expect, it } from "vitest";
import { poisson } from "./demand-distribution";
import { planTransfers } from "./transfers";

const costs = { unitMargin: 4, costPerUnit: 0.5, fixedCost: 10 };

describe("transfers between stores", () => {
  it("moves a sender's excess above its own order-up-to level to a store about to run out", () => {
    const stores = [
      { storeId: "A", onHand: 60, position: 60, keep: 25, leadTime: poisson(10) },
      { storeId: "B", onHand: 2, position: 2, keep: 30, leadTime: poisson(20) },
    ];
    const [t, ...rest] = planTransfers(stores, costs);
    expect(rest).toEqual([]);
    // B wants 28 to reach its level; A can spare 35.
    expect(t).toMatchObject({ fromStoreId: "A", toStoreId: "B", quantity: 28 });
    const saved = poisson(20).expectedShortage(2) - poisson(20).expectedShortage(30);
    expect(t!.unitsSaved).toBeCloseTo(saved, 10);
    expect(t!.value).toBeCloseTo(saved * 4 - (28 * 0.5 + 10), 10);
  });

  it("never takes the sender below its own level, and skips moves whose cost beats the margin saved", () => {
    const tight = [
      { storeId: "A", onHand: 30, position: 30, keep: 25, leadTime: poisson(10) },
      { storeId: "B", onHand: 2, position: 2, keep: 30, leadTime: poisson(20) },
    ];
    expect(planTransfers(tight, costs)[0]?.quantity).toBe(5);
    expect(planTransfers(tight, { ...costs, fixedCost: 100 })).toEqual([]);
  });

  it("sends nothing when no store is short", () => {
    const fine = [
      { storeId: "A", onHand: 60, position: 60, keep: 25, leadTime: poisson(10) },
      { storeId: "B", onHand: 40, position: 40, keep: 30, leadTime: poisson(20) },
    ];
    expect(planTransfers(fine, costs)).toEqual([]);
  });
});
