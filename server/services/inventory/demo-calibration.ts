import "server-only";
import type { LeadTimeCalibration } from "@/models/inventory";

/**
 * Lead-time demand calibration of each demo tenant, fitted by bench/lead-time-calibration.ts on a
 * rolling-origin backtest of its generated history (the run the README quotes is kept in
 * bench/results/lead-time-calibration-<slug>.json; a test keeps the two equal). The seed stores
 * it with the tenant's inventory settings.
 */
export const DEMO_CALIBRATION: Record<string, LeadTimeCalibration> = {
  "acme-grocers": { correlation: 0.2, varianceScale: 0.5, meanScale: 1.08, seriesCorrelation: 0.005 },
  "northwind-fashion": { correlation: 0.2, varianceScale: 0.5, meanScale: 1.08, seriesCorrelation: 0.05 },
};
