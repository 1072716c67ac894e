/**
 * Economic order quantity (Harris–Wilson): Q* = √(2Kλ/h), with the annual ordering plus holding
 * cost at Q*, √(2Kλh). K is the cost per order, λ demand per year, h the holding cost per unit-year.
 */
export function economicOrderQuantity(orderCost: number, annualDemand: number, holdingCostPerUnitYear: number): { quantity: number; annualCost: number } {
  if (!(orderCost >= 0 && annualDemand >= 0 && holdingCostPerUnitYear > 0)) {
    throw new RangeError("EOQ needs orderCost ≥ 0, annualDemand ≥ 0 and a positive holding cost");
  }
  return {
    quantity: Math.sqrt((2 * orderCost * annualDemand) / holdingCostPerUnitYear),
    annualCost: Math.sqrt(2 * orderCost * annualDemand * holdingCostPerUnitYear),
  };
}
