import { sumOfParts } from "./lead-time-demand";
import type { DailyMoments } from "./lead-time-demand";

export type ExpediteInput = {
  /** Expected shelf demand per day from today (day 0). */
  days: readonly DailyMoments[];
  correlation: number;
  onHand: number;
  /** Units of the open order. */
  onOrder: number;
  /** Days until the open order arrives as things stand. */
  arrivesInDays: number;
  /** Days a rushed delivery takes, and its extra cost per unit. */
  expediteLeadTimeDays: number;
  costPerUnit: number;
  unitMargin: number;
};

export type Expedite = { stockoutDay: number; arrivesInDays: number; expeditedInDays: number; unitsSaved: number; marginSaved: number; cost: number; value: number };

/**
 * Whether rushing the open order pays: only when the shelf is expected to run out before the order
 * arrives and a rushed delivery would arrive sooner. With D_e and D_a the demand until the rushed
 * and the normal arrival, the order saves E[(D_a − on hand)+] − E[(D_e − on hand)+] −
 * E[(D_a − on hand − on order)+] lost units; the last two overstate the shortage left (demand
 * unmet before day e cannot also be unmet after it), so the saving is a lower bound. Value is
 * margin saved less the rush cost of every unit on order; null when nothing is worth doing.
 */
export function planExpedite(input: ExpediteInput): Expedite | null {
  const a = Math.round(input.arrivesInDays);
  const e = Math.max(0, Math.round(input.expediteLeadTimeDays));
  if (input.onOrder <= 0 || e >= a) return null;
  let stockoutDay: number | null = null;
  let expected = input.onHand;
  for (let t = 0; t < a && t < input.days.length; t++) {
    expected -= input.days[t]!.mean;
    if (expected <= 0) {
      stockoutDay = t;
      break;
    }
  }
  if (stockoutDay === null) return null;
  const window = (length: number) => sumOfParts(input.days.slice(0, length), input.correlation);
  const untilNormal = window(a);
  const unitsSaved = Math.max(0, untilNormal.expectedShortage(input.onHand) - window(e).expectedShortage(input.onHand) - untilNormal.expectedShortage(input.onHand + input.onOrder));
  const marginSaved = unitsSaved * input.unitMargin;
  const cost = input.onOrder * input.costPerUnit;
  const value = marginSaved - cost;
  if (value <= 0) return null;
  return { stockoutDay, arrivesInDays: a, expeditedInDays: e, unitsSaved, marginSaved, cost, value };
}
