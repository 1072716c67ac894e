import { normalQuantile } from "./normal";

/** The newsvendor's critical ratio p / (p + h): the service level at which an extra unit stops paying. */
export function criticalRatio(underageCost: number, overageCost: number): number {
  if (!(underageCost > 0 && overageCost > 0)) throw new RangeError("newsvendor costs must be positive");
  return underageCost / (underageCost + overageCost);
}

/** Optimal stock for normal demand N(μ, σ²): S = μ + σ·Φ⁻¹(p / (p + h)). */
export function normalNewsvendor(mean: number, sd: number, overageCost: number, underageCost: number): number {
  return mean + sd * normalQuantile(criticalRatio(underageCost, overageCost));
}
