import "server-only";
import { categoryServiceLevels, inventorySettings } from "@/drizzle/schema";
import type { InventorySettings } from "@/drizzle/schema";
import { DEFAULT_CALIBRATION } from "@/models/inventory";
import type { LeadTimeCalibration, ServiceTarget } from "@/models/inventory";
import type { Tx } from "@/server/db/database";

/** Replenishment settings in force, with the defaults filled in for a tenant that has set none. */
export type ResolvedSettings = Omit<InventorySettings, "tenantId" | "updatedAt" | "calibration"> & {
  calibration: LeadTimeCalibration;
  /** Service level per category where it differs from the tenant's. */
  categoryLevels: Map<string, number>;
};

export const DEFAULT_SETTINGS: Omit<ResolvedSettings, "categoryLevels"> = {
  serviceLevel: 0.95,
  serviceMeasure: "cycle_service_level",
  unmetDemand: "lost_sales",
  policy: "periodic_review",
  reviewPeriodDays: 7,
  transferCostPerUnit: 0.5,
  transferFixedCost: 25,
  expediteLeadTimeDays: 2,
  expediteCostPerUnit: 1,
  calibration: DEFAULT_CALIBRATION,
};

export async function getInventorySettings(tx: Tx): Promise<ResolvedSettings> {
  const [[row], levels] = await Promise.all([tx.select().from(inventorySettings), tx.select().from(categoryServiceLevels)]);
  const categoryLevels = new Map(levels.map((l) => [l.category, l.serviceLevel]));
  if (!row) return { ...DEFAULT_SETTINGS, categoryLevels };
  const { tenantId: _tenant, updatedAt: _updated, calibration, ...rest } = row;
  return { ...rest, calibration: calibration ?? DEFAULT_CALIBRATION, categoryLevels };
}

/** The target an item of `category` is held to. */
export function targetFor(settings: ResolvedSettings, category: string): ServiceTarget {
  return { measure: settings.serviceMeasure, level: settings.categoryLevels.get(category) ?? settings.serviceLevel, unmet: settings.unmetDemand };
}
